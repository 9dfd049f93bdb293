# syntax=docker/dockerfile:1
# Build stage: the Maven Wrapper builds the jar (tests run in CI, not in the image build).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
COPY db/ db/
COPY templates-static/ templates-static/
RUN ./mvnw -B -q package -DskipTests && cp target/bestever-*.jar /src/app.jar

# Run stage: a current LTS JRE (the code compiles for 17; 21+ runs requests on virtual threads),
# the jar, an unprivileged user, and a health check on readiness.
FROM eclipse-temurin:25-jre
# Fonts: the sample film's typographic poster is drawn at startup (Java2D needs fontconfig and a font).
RUN apt-get update && apt-get install -y --no-install-recommends fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system bestever && useradd --system --gid bestever --home-dir /app bestever
WORKDIR /app
# The jar extracted (app.jar beside lib/): the AOT cache below covers classes from plain jars only.
COPY --from=build /src/app.jar /tmp/app.jar
RUN java -Djarmode=tools -jar /tmp/app.jar extract --destination /app && rm /tmp/app.jar \
    && chown -R bestever:bestever /app
USER bestever
# Java 25's AOT cache: a training start (against an embedded PostgreSQL, stopped once the context is
# up) records the classes loaded, linked and profiled; starting from it reached the first page 2-2.6x
# sooner here (README "Faster start-up"). A cache that does not match the JVM is ignored with a warning.
RUN BESTEVER_DATA_DIR=/tmp/aot-training java -XX:MaxRAMPercentage=75 -XX:AOTCacheOutput=/app/app.aot \
      -Dspring.context.exit=onRefresh -jar /app/app.jar \
    && rm -rf /tmp/aot-training
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && grep -q "\"status\":\"UP\"" <&3'
# An OutOfMemoryError stops the process (the orchestrator restarts it) instead of leaving it half-alive.
# The heap is taken whole at start: left to grow, G1 marked concurrently after nearly every young
# collection (README, "The heap is taken whole at start"). Marking starts at 70% of the heap, not at G1's
# adaptive threshold, which in a small heap sits below what is always live (README, "G1 starts marking when").
ENTRYPOINT ["java", "-XX:AOTCache=/app/app.aot", "-XX:InitialRAMPercentage=75", "-XX:MaxRAMPercentage=75", "-XX:-G1UseAdaptiveIHOP", "-XX:InitiatingHeapOccupancyPercent=70", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/app.jar"]

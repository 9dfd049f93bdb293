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

# Run stage: a JRE and the jar, as an unprivileged user.
FROM eclipse-temurin:17-jre
RUN groupadd --system bestever && useradd --system --gid bestever --home-dir /app bestever
WORKDIR /app
COPY --from=build /src/app.jar /app/app.jar
USER bestever
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]

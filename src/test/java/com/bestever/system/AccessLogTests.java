package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.CharArrayWriter;
import java.util.List;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.valves.AccessLogValve;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

/** The access log writes the same line as Tomcat's own valve, without a per-thread date cache. */
class AccessLogTests {

    static final String SITE_PATTERN =
            "%{yyyy-MM-dd'T'HH:mm:ss.SSSZ}t access %a \"%r\" %s %b %{ms}Tms \"%{Referer}i\" \"%{User-Agent}i\"";

    @Test
    void bootsValveIsReplacedByOneSetUpTheSameWay() {
        AccessLogValve boots = new AccessLogValve();
        boots.setDirectory("/dev");
        boots.setPrefix("stdout");
        boots.setSuffix("");
        boots.setFileDateFormat("");
        boots.setRotatable(false);
        boots.setBuffered(true);
        boots.setPattern(SITE_PATTERN);
        Valve other = new org.apache.catalina.valves.RemoteIpValve();
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        factory.setEngineValves(List.of(other, boots));

        new AccessLog().customize(factory);

        List<Valve> valves = List.copyOf(factory.getEngineValves());
        assertThat(valves).hasSize(2).first().isSameAs(other);
        assertThat(valves.get(1)).isInstanceOf(AccessLog.SharedClockAccessLog.class);
        AccessLogValve replaced = (AccessLogValve) valves.get(1);
        assertThat(replaced.getPattern()).isEqualTo(SITE_PATTERN);
        assertThat(replaced.getDirectory()).isEqualTo("/dev");
        assertThat(replaced.getPrefix()).isEqualTo("stdout");
        assertThat(replaced.getSuffix()).isEmpty();
        assertThat(replaced.isRotatable()).isFalse();
        assertThat(replaced.isBuffered()).isTrue();
    }

    @Test
    void theRequestTimeIsWrittenAsTomcatWritesIt() {
        org.apache.coyote.Request started = new org.apache.coyote.Request();
        started.markStartTime();
        Request request = new Request(new Connector(), started);
        Site site = new Site();
        Tomcats tomcat = new Tomcats();

        for (String pattern :
                List.of("yyyy-MM-dd'T'HH:mm:ss.SSSZ", "dd/MM/yyyy HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssXXX")) {
            assertThat(site.isOurs(pattern)).as(pattern).isTrue();
            assertThat(site.written(pattern, request)).isEqualTo(tomcat.written(pattern, request));
        }
        assertThat(site.written("yyyy-MM-dd'T'HH:mm:ss.SSSZ", request))
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{4}");
        // Patterns the two date APIs read differently stay Tomcat's.
        for (String pattern : List.of("dd/MMM/yyyy:HH:mm:ss Z", "HH:mm:ss.S", "begin:msec", "end:yyyy-MM-dd")) {
            assertThat(site.isOurs(pattern)).as(pattern).isFalse();
        }
    }

    /** The site's valve, with a look at the element it makes for a time pattern. */
    private static final class Site extends AccessLog.SharedClockAccessLog {

        boolean isOurs(String pattern) {
            return createAccessLogElement(pattern, 't').getClass().getEnclosingClass()
                    == AccessLog.SharedClockAccessLog.class;
        }

        String written(String pattern, Request request) {
            CharArrayWriter line = new CharArrayWriter();
            createAccessLogElement(pattern, 't').addElement(line, request, null, 0);
            return line.toString();
        }
    }

    /** Tomcat's own valve, for comparison. */
    private static final class Tomcats extends AccessLogValve {

        String written(String pattern, Request request) {
            CharArrayWriter line = new CharArrayWriter();
            createAccessLogElement(pattern, 't').addElement(line, request, null, 0);
            return line.toString();
        }
    }
}

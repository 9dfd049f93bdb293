package com.bestever.system;

import java.io.CharArrayWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.AccessLogValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The access log as configured ({@code server.tomcat.accesslog.*}), with the request's time
 * written by a shared, thread-safe {@link DateTimeFormatter}.
 * <p>
 * Tomcat's own time element keeps its date formats in a {@code ThreadLocal}, which pays off when
 * a pool of threads serves every request. Here each request runs on a new virtual thread, so
 * every request built that cache anew: a {@code SimpleDateFormat}, a calendar and a table of
 * sixty formatted seconds. On a kept page that was half of all the memory a request allocated
 * and about 5% of its CPU (bench/profiles/README.md). The line itself is unchanged: same
 * pattern, same time (the request's start), same zone.
 * <p>
 * Spring Boot makes the valve from the properties; this replaces it with one of the subclass
 * below, set up the same way, once Boot's customizer has run.
 */
@Component
class AccessLog implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after Boot's, which adds the valve
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        List<Valve> valves = new ArrayList<>();
        for (Valve valve : factory.getEngineValves()) {
            valves.add(
                    valve.getClass() == AccessLogValve.class
                            ? SharedClockAccessLog.like((AccessLogValve) valve)
                            : valve);
        }
        factory.setEngineValves(valves);
    }

    /** Tomcat's access log valve, but for a time element with a plain date pattern. */
    static class SharedClockAccessLog extends AccessLogValve {

        static SharedClockAccessLog like(AccessLogValve configured) {
            SharedClockAccessLog valve = new SharedClockAccessLog();
            valve.setEnabled(configured.getEnabled());
            valve.setDirectory(configured.getDirectory());
            valve.setPrefix(configured.getPrefix());
            valve.setSuffix(configured.getSuffix());
            valve.setFileDateFormat(configured.getFileDateFormat());
            valve.setRotatable(configured.isRotatable());
            valve.setRenameOnRotate(configured.isRenameOnRotate());
            valve.setMaxDays(configured.getMaxDays());
            valve.setCheckExists(configured.isCheckExists());
            valve.setBuffered(configured.isBuffered());
            valve.setEncoding(configured.getEncoding());
            valve.setMaxLogMessageBufferSize(configured.getMaxLogMessageBufferSize());
            valve.setIpv6Canonical(configured.getIpv6Canonical());
            valve.setRequestAttributesEnabled(configured.getRequestAttributesEnabled());
            valve.setConditionUnless(configured.getConditionUnless());
            valve.setConditionIf(configured.getConditionIf());
            valve.setLocale(configured.getLocale());
            valve.setPattern(configured.getPattern()); // last: it builds the elements
            return valve;
        }

        @Override
        protected AccessLogElement createAccessLogElement(String name, char pattern) {
            if (pattern == 't' && isPlainDatePattern(name)) {
                return new RequestTime(DateTimeFormatter.ofPattern(name).withZone(ZoneId.systemDefault()));
            }
            return super.createAccessLogElement(name, pattern);
        }

        /**
         * A pattern that {@link java.text.SimpleDateFormat}, which Tomcat's element uses, and
         * {@link DateTimeFormatter} write alike: numeric fields, the zone offset and separators,
         * milliseconds only as {@code SSS}. Anything else ({@code begin:}/{@code end:}, the
         * {@code sec}/{@code msec} keywords, names of months or days) stays Tomcat's.
         */
        static boolean isPlainDatePattern(String name) {
            return name != null
                    && name.matches("[yMdHhkmsSZX'T .:,/+-]+")
                    && name.replace("SSS", "").indexOf('S') < 0
                    && !name.contains("MMM");
        }

        /** When the request started, in the configured pattern. */
        private record RequestTime(DateTimeFormatter format) implements AccessLogElement {

            @Override
            public void addElement(CharArrayWriter buf, Request request, Response response, long time) {
                format.formatTo(request.getCoyoteRequest().getStartInstant(), buf);
            }
        }
    }
}

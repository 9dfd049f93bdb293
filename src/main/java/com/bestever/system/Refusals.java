package com.bestever.system;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * How a refused request is answered, wherever it is refused: an HTML error page for pages, an RFC
 * 9457 {@code application/problem+json} for a client that asked for JSON (the poll's script). Never
 * a stack trace, an exception's name or a version. Each refusal is counted
 * ({@code bestever.input.refused}, tagged with its reason), so a form that keeps being refused shows
 * on the operators' dashboards.
 */
@Component
public class Refusals {

    private final MeterRegistry meters;

    Refusals(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Counts one refusal of this kind ("text", "too-large", "database", …). */
    public void count(String reason) {
        meters.counter("bestever.input.refused", "reason", reason).increment();
    }

    /** Whether the client asked for JSON rather than a page. */
    public static boolean wantsJson(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null
                && (accept.contains("application/json") || accept.contains("application/problem+json"))
                && !accept.contains("text/html");
    }

    /** The problem+json body of a refusal: type, title, status, detail (and the same sentence as "error"). */
    public static ProblemDetail problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        // The poll's script (and older clients) read the sentence as "error".
        problem.setProperty("error", detail);
        return problem;
    }

    /** The same problem as hand-written JSON, for filters that answer before Spring MVC. */
    static String problemJson(HttpStatus status, String detail) {
        return "{\"type\":\"about:blank\",\"title\":\"" + json(status.getReasonPhrase()) + "\",\"status\":"
                + status.value() + ",\"detail\":\"" + json(detail) + "\",\"error\":\"" + json(detail) + "\"}";
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}

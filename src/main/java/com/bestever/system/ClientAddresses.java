package com.bestever.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one definition of who a request comes from, for the whole site (the vote throttle and cap,
 * the sign-in throttle, the search budget, HSTS): the direct peer, unless that peer is one of the
 * configured trusted proxies ({@code bestever.trusted-proxies}, addresses or CIDR ranges; none by
 * default). Only then are {@code Forwarded} / {@code X-Forwarded-For} read, from the right: the
 * first hop that is not itself a trusted proxy is the client (whatever a client writes further
 * left is its own claim and ignored). {@code X-Forwarded-Proto} (or {@code proto=}) from a trusted
 * proxy says whether the reader came over HTTPS. Everything downstream sees the result as
 * {@code getRemoteAddr()} and {@code isSecure()}.
 *
 * <p>Spring Boot's {@code server.forward-headers-strategy} is left unset on purpose: its Tomcat
 * valve trusts every private range by default, so anyone on the same network could pick an address.
 */
@Component
public class ClientAddresses extends OncePerRequestFilter implements Ordered {

    private final List<Range> trusted;

    ClientAddresses(@Value("${bestever.trusted-proxies:}") List<String> trustedProxies) {
        List<Range> ranges = new ArrayList<>();
        for (String proxy : trustedProxies) {
            if (!proxy.isBlank()) {
                ranges.add(Range.parse(proxy.strip()));
            }
        }
        this.trusted = List.copyOf(ranges);
    }

    /**
     * The client's address: the peer's, or what a trusted proxy says it saw. Asking again of a
     * request this filter already wrapped gives the same answer (the audit log asks whichever
     * request object it holds).
     */
    public String clientOf(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> hops = forwardedFor(request);
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (parse(hop) == null) {
                // "unknown", an obfuscated name or garbage: no address to take, stop at the proxy.
                return i == hops.size() - 1 ? peer : hops.get(i + 1);
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return hops.isEmpty() ? peer : hops.get(0);
    }

    /** Whether the reader's own connection was HTTPS (as a trusted proxy reports it). */
    boolean isSecure(HttpServletRequest request) {
        if (!isTrusted(request.getRemoteAddr())) {
            return request.isSecure();
        }
        String proto = forwardedProto(request);
        return proto == null ? request.isSecure() : proto.equalsIgnoreCase("https");
    }

    private boolean isTrusted(String address) {
        if (trusted.isEmpty()) {
            return false;
        }
        byte[] bytes = parse(address);
        return bytes != null && trusted.stream().anyMatch(range -> range.contains(bytes));
    }

    /** The hops a {@code Forwarded} header lists ({@code for=}), else {@code X-Forwarded-For}'s. */
    private static List<String> forwardedFor(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        var forwarded = request.getHeaders("Forwarded");
        if (forwarded != null && forwarded.hasMoreElements()) {
            while (forwarded.hasMoreElements()) {
                for (String element : forwarded.nextElement().split(",")) {
                    String value = parameter(element, "for");
                    if (value != null) {
                        hops.add(hostOf(value));
                    }
                }
            }
            return hops;
        }
        var xff = request.getHeaders("X-Forwarded-For");
        while (xff != null && xff.hasMoreElements()) {
            for (String hop : xff.nextElement().split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        return hops;
    }

    private static String forwardedProto(HttpServletRequest request) {
        String forwarded = request.getHeader("Forwarded");
        if (forwarded != null) {
            String[] elements = forwarded.split(",");
            String proto = parameter(elements[elements.length - 1], "proto");
            if (proto != null) {
                return proto;
            }
        }
        String proto = request.getHeader("X-Forwarded-Proto");
        if (proto == null || proto.isBlank()) {
            return null;
        }
        String[] protos = proto.split(",");
        return protos[protos.length - 1].strip();
    }

    /** One parameter of one {@code Forwarded} element ("for=192.0.2.1;proto=https"), unquoted. */
    private static String parameter(String element, String name) {
        for (String pair : element.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0
                    && pair.substring(0, equals)
                            .strip()
                            .toLowerCase(Locale.ROOT)
                            .equals(name)) {
                String value = pair.substring(equals + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
        }
        return null;
    }

    /** "192.0.2.1:4711" → "192.0.2.1"; "[2001:db8::1]:4711" → "2001:db8::1". */
    private static String hostOf(String node) {
        if (node.startsWith("[")) {
            int end = node.indexOf(']');
            return end > 0 ? node.substring(1, end) : node;
        }
        int colon = node.indexOf(':');
        return colon > 0 && node.indexOf(':', colon + 1) < 0 ? node.substring(0, colon) : node;
    }

    /** The bytes of an IP literal; null for anything else (never a DNS look-up). */
    static byte[] parse(String address) {
        if (address == null
                || address.isEmpty()
                || !address.matches("[0-9A-Fa-f:.]+")
                || address.indexOf('.') < 0 && address.indexOf(':') < 0) {
            return null;
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException ex) {
            return null;
        }
    }

    /** An address or a CIDR range ("10.0.0.0/8", "2001:db8::/32", "192.0.2.1"). */
    record Range(byte[] network, int bits) {

        static Range parse(String text) {
            int slash = text.indexOf('/');
            byte[] network = ClientAddresses.parse(slash < 0 ? text : text.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("bestever.trusted-proxies: not an address or CIDR range: " + text);
            }
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("bestever.trusted-proxies: bad prefix length: " + text);
            }
            return new Range(network, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit += 8) {
                int mask = bits - bit >= 8 ? 0xff : 0xff << (8 - (bits - bit)) & 0xff;
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (trusted.isEmpty() || !isTrusted(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        String client = clientOf(request);
        boolean secure = isSecure(request);
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public String getRemoteAddr() {
                        return client;
                    }

                    @Override
                    public String getRemoteHost() {
                        return client;
                    }

                    @Override
                    public boolean isSecure() {
                        return secure;
                    }

                    @Override
                    public String getScheme() {
                        return secure ? "https" : "http";
                    }
                },
                response);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    public int getOrder() {
        // First of all: the browser policy (HSTS) and every throttle read the result.
        return Ordered.HIGHEST_PRECEDENCE;
    }
}

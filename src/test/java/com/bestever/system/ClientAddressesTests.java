package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.bestever.support.SiteTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The client's address and scheme: forwarded headers count only from a configured trusted proxy. */
@SiteTest
class ClientAddressesTests {

    private final ClientAddresses addresses = new ClientAddresses(List.of("10.1.0.0/16", "2001:db8:ffff::/48"));

    @Autowired
    MockMvc mvc;

    private static MockHttpServletRequest from(String peer, String header, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        if (header != null) {
            request.addHeader(header, value);
        }
        return request;
    }

    @Test
    void anUntrustedPeerCannotPickItsAddress() {
        assertThat(addresses.clientOf(from("203.0.113.5", "X-Forwarded-For", "192.0.2.9")))
                .isEqualTo("203.0.113.5");
        assertThat(addresses.clientOf(from("203.0.113.5", "Forwarded", "for=192.0.2.9")))
                .isEqualTo("203.0.113.5");
        assertThat(addresses.isSecure(from("203.0.113.5", "X-Forwarded-Proto", "https")))
                .isFalse();
        // No proxy configured (the default): nobody is trusted.
        ClientAddresses none = new ClientAddresses(List.of());
        assertThat(none.clientOf(from("10.1.2.3", "X-Forwarded-For", "192.0.2.9")))
                .isEqualTo("10.1.2.3");
    }

    @Test
    void aTrustedProxyNamesTheClientAndOnlyItsOwnHopCounts() {
        assertThat(addresses.clientOf(from("10.1.2.3", "X-Forwarded-For", "192.0.2.9")))
                .isEqualTo("192.0.2.9");
        // What the client wrote itself (left of the hop the proxy added) is ignored.
        assertThat(addresses.clientOf(from("10.1.2.3", "X-Forwarded-For", "6.6.6.6, 192.0.2.9")))
                .isEqualTo("192.0.2.9");
        // Through two trusted proxies: the first hop that is not one of them.
        assertThat(addresses.clientOf(from("10.1.2.3", "X-Forwarded-For", "6.6.6.6, 192.0.2.9, 10.1.9.9")))
                .isEqualTo("192.0.2.9");
        assertThat(addresses.clientOf(
                        from("2001:db8:ffff::1", "Forwarded", "for=\"[2001:db8:1::7]:4711\";proto=https")))
                .isEqualTo("2001:db8:1::7");
        assertThat(addresses.clientOf(from("10.1.2.3", "Forwarded", "for=192.0.2.44:80, for=192.0.2.45")))
                .isEqualTo("192.0.2.45");
        assertThat(addresses.clientOf(from("10.1.2.3", "X-Forwarded-For", "unknown")))
                .isEqualTo("10.1.2.3");
        assertThat(addresses.isSecure(from("10.1.2.3", "X-Forwarded-Proto", "https")))
                .isTrue();
        assertThat(addresses.isSecure(from("10.1.2.3", "Forwarded", "for=192.0.2.9;proto=https")))
                .isTrue();
        assertThat(addresses.isSecure(from("10.1.2.3", "X-Forwarded-Proto", "http")))
                .isFalse();
    }

    @Test
    void aTrustedProxyListThatIsNotAddressesStopsTheStart() {
        assertThatThrownBy(() -> new ClientAddresses(List.of("proxy.example")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bestever.trusted-proxies");
        assertThatThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static RequestPostProcessor peer(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @Test
    void hstsBehindATrustedHttpsProxyOnlyAndNeverForAClaimFromAnyoneElse() throws Exception {
        // 198.18.0.1 is the tests' trusted proxy (bestever.trusted-proxies in the test configuration).
        var behindProxy = mvc.perform(get("/").with(peer("198.18.0.1")).header("X-Forwarded-Proto", "https"))
                .andReturn()
                .getResponse();
        var claimed = mvc.perform(get("/").with(peer("203.0.113.7")).header("X-Forwarded-Proto", "https"))
                .andReturn()
                .getResponse();

        assertThat(behindProxy.getHeader("Strict-Transport-Security")).startsWith("max-age=");
        assertThat(claimed.getHeader("Strict-Transport-Security")).isNull();
    }
}

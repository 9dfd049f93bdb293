package com.bestever.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.admin.NewsroomSessions;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Editors' sessions as a browser holds them: the session cookie an answer set (Spring Session's,
 * its value the session id in Base64), and whether the shared session table still has it.
 */
public final class SessionCookies {

    private SessionCookies() {}

    /** The session cookie the answer set, as the browser sends it back. */
    public static Cookie of(MvcResult result) {
        Cookie cookie = result.getResponse().getCookie(NewsroomSessions.COOKIE);
        assertThat(cookie).as("a session cookie").isNotNull();
        assertThat(cookie.getValue()).isNotEmpty();
        return new Cookie(cookie.getName(), cookie.getValue());
    }

    /** The cookie a browser holds for a session id. */
    public static Cookie forId(String id) {
        return new Cookie(
                NewsroomSessions.COOKIE, Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8)));
    }

    /** The session id the cookie names. */
    public static String id(Cookie cookie) {
        return new String(Base64.getDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8);
    }

    /** Whether the server still knows the session (its row is in the shared table). */
    public static boolean known(JdbcClient jdbc, Cookie cookie) {
        return jdbc.sql("select count(*) from spring_session where session_id = ?")
                        .param(id(cookie))
                        .query(Long.class)
                        .single()
                > 0;
    }
}

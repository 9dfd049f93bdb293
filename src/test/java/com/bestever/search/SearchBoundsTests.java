package com.bestever.search;

import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.bestever.support.SiteTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** No query string buys more than a bounded amount of database time. */
@SiteTest
class SearchBoundsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    SearchRepository search;

    @Autowired
    SearchBudget budget;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSearchStatementThatRunsTooLongIsStopped() {
        assertThatThrownBy(() -> search.bounded(
                        () -> jdbc.sql("select pg_sleep(1)").query().singleValue()))
                .isInstanceOf(QueryTimeoutException.class);
        // The limit was the search's own: the next statement runs as usual.
        assertThat(jdbc.sql("select 1").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void anAddressThatSpentItsDatabaseTimeWaits() throws Exception {
        String address = "192.0.2.17";
        budget.charge(address, 60_000);

        var refused = mvc.perform(get("/search").param("q", "truffaut").with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                }))
                .andReturn()
                .getResponse();
        var another = mvc.perform(get("/search").param("q", "truffaut").with(request -> {
                    request.setRemoteAddr("192.0.2.18");
                    return request;
                }))
                .andReturn()
                .getResponse();

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("2");
        assertThat(page(refused).select(".search-message").text()).contains("Too many searches");
        assertThat(another.getStatus()).isEqualTo(200);
        assertThat(page(another).select(".search-results a").eachText()).isNotEmpty();
    }
}

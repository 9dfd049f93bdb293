package com.bestever.admin;

import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.support.SiteTest;
import com.bestever.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** A password someone else chose (the generated first administrator's) is replaced before anything else. */
@SiteTest
class OwnPasswordFirstTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts testAccounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void withAPasswordSomeoneElseChoseEveryNewsroomPageLeadsToMyPassword() throws Exception {
        Account account = testAccounts.account(Role.ADMIN);
        jdbc.sql("update app_user set must_change_password = true where id = ?")
                .param(account.getId())
                .update();

        for (String path : new String[] {"/admin", "/admin/articles", "/admin/accounts", "/admin/films"}) {
            mvc.perform(get(path).with(testAccounts.signedIn(account)))
                    .andExpect(status().isFound())
                    .andExpect(redirectedUrl(PasswordController.PATH));
        }
        var form = page(mvc.perform(get(PasswordController.PATH).with(testAccounts.signedIn(account)))
                .andExpect(status().isOk()));
        assertThat(form.select("[role=alert]").text()).contains("choose your own before anything else");
    }

    @Test
    void anAccountWithItsOwnPasswordGoesWhereItAsks() throws Exception {
        Account account = testAccounts.account(Role.ADMIN);

        mvc.perform(get("/admin/articles").with(testAccounts.signedIn(account))).andExpect(status().isOk());
        var form = page(mvc.perform(get(PasswordController.PATH).with(testAccounts.signedIn(account))));
        assertThat(form.select("[role=alert]")).isEmpty();
    }
}

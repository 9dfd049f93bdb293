package com.bestever.poll;

import static com.bestever.poll.PollTesting.fromNewAddress;
import static com.bestever.poll.PollTesting.no;
import static com.bestever.poll.PollTesting.vote;
import static com.bestever.poll.PollTesting.voted;
import static com.bestever.poll.PollTesting.yes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.support.SiteTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** What the poll's script gets when it asks for JSON. */
@SiteTest
class PollJsonTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    PollTesting polls;

    @Test
    void aVoteThatAsksForJsonGetsTheStandingsAndTheReadersChoice() throws Exception {
        VoteQuestion poll = polls.openPoll();

        voted(mvc, vote(poll, no(poll)).header("Accept", "application/json"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store, private"))
                .andExpect(header().string("Content-Type", "application/json"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.open").value(true))
                .andExpect(jsonPath("$.options", hasSize(2)))
                .andExpect(jsonPath("$.options[0].label").value(VoteQuestion.YES))
                .andExpect(jsonPath("$.options[0].votes").value(0))
                .andExpect(jsonPath("$.options[0].percent").value(0))
                .andExpect(jsonPath("$.options[1].label").value(VoteQuestion.NO))
                .andExpect(jsonPath("$.options[1].votes").value(1))
                .andExpect(jsonPath("$.options[1].percent").value(100))
                .andExpect(jsonPath("$.options[1]", aMapWithSize(5)))
                // 1 of 1: the 95% Wilson interval is .2065 to 1; 0 of 1: 0 to .7935.
                .andExpect(jsonPath("$.options[1].lower").value(0.2065))
                .andExpect(jsonPath("$.options[1].upper").value(1.0))
                .andExpect(jsonPath("$.options[0].lower").value(0.0))
                .andExpect(jsonPath("$.options[0].upper").value(0.7935))
                .andExpect(jsonPath("$.final").value(false))
                .andExpect(jsonPath("$.excluded").value(0))
                .andExpect(jsonPath("$.choice").value(VoteQuestion.NO))
                .andExpect(jsonPath("$.counted").value(true));
    }

    @Test
    void aSecondVoteAskingForJsonIsNotCountedAndSaysSo() throws Exception {
        VoteQuestion poll = polls.openPoll();
        var reader = polls.newVoterCookie();
        voted(mvc, vote(poll, yes(poll)).cookie(reader).header("Accept", "application/json"))
                .andExpect(status().isOk());

        voted(mvc, vote(poll, no(poll)).cookie(reader).header("Accept", "application/json"))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Set-Cookie"))
                .andExpect(jsonPath("$.counted").value(false))
                .andExpect(jsonPath("$.choice").value(VoteQuestion.YES))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith("You already voted")))
                .andExpect(jsonPath("$.total").value(1));
    }

    @Test
    void theResultsAsJsonHaveTheDocumentedShape() throws Exception {
        VoteQuestion poll = polls.openPoll();
        for (int i = 0; i < 2; i++) {
            voted(mvc, vote(poll, yes(poll))).andExpect(status().isSeeOther());
        }
        voted(mvc, vote(poll, no(poll))).andExpect(status().isSeeOther());

        mvc.perform(get("/polls/{id}/results", poll.getId())
                        .header("Accept", "application/json")
                        .with(fromNewAddress()))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store, private"))
                .andExpect(header().doesNotExist("Set-Cookie"))
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.open").value(true))
                .andExpect(jsonPath("$.options[0].votes").value(2))
                .andExpect(jsonPath("$.options[0].percent").value(67))
                .andExpect(jsonPath("$.options[1].votes").value(1))
                .andExpect(jsonPath("$.options[1].percent").value(33))
                .andExpect(jsonPath("$.choice").doesNotExist());
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(3);
    }

    @Test
    void aRefusalAskingForJsonIsJson() throws Exception {
        VoteQuestion poll = polls.openPoll();

        voted(mvc, vote(poll, "nope").header("Accept", "application/json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.error")
                        .value("That choice is not one of this poll’s answers; nothing was counted."));
    }

    @Autowired
    VoteAnswers answers;

    @Autowired
    Polls read;

    @Test
    void aVoteTheCounterCouldNotConfirmIsAnsweredByWhatTheDatabaseHolds() throws Exception {
        VoteQuestion question = polls.openPoll();
        var reader = polls.newVoterCookie();
        voted(mvc, vote(question, yes(question)).cookie(reader).header("Accept", "application/json"))
                .andExpect(jsonPath("$.counted").value(true));
        String voter = reader.getValue().substring(0, reader.getValue().indexOf('.'));
        Poll poll = read.poll(question.getId()).orElseThrow();
        Poll.Answer yes = poll.answers().get(0);
        Poll.Answer no = poll.answers().get(1);

        assertThat(answers.recheck(poll, yes, voter)).isEqualTo(VoteAnswers.Outcome.COUNTED);
        assertThat(answers.recheck(poll, no, voter)).isEqualTo(VoteAnswers.Outcome.REPEAT);
        assertThat(answers.recheck(poll, yes, "nobody-voted-as-this")).isEqualTo(VoteAnswers.Outcome.FAILED);
    }
}

package com.bestever.poll;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.bestever.article.Article;
import com.bestever.support.TestData;
import jakarta.servlet.http.Cookie;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultHandler;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.async.WebAsyncManager;
import org.springframework.web.context.request.async.WebAsyncUtils;

/** Polls and votes for the poll's tests: a poll under a fresh review, readers at their own addresses. */
@Component
class PollTesting {

    private static final AtomicInteger addresses = new AtomicInteger();

    private final TestData data;
    private final VoteQuestionRepository questions;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final VoterCookies cookies;

    PollTesting(
            TestData data,
            VoteQuestionRepository questions,
            TransactionTemplate transaction,
            JdbcClient jdbc,
            VoterCookies cookies) {
        this.data = data;
        this.questions = questions;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.cookies = cookies;
    }

    /** A published review and its open poll (options "Yes, it's the best ever", "No, something else is"). */
    VoteQuestion openPoll() {
        return pollUnder(data.publishedReview(), question -> {});
    }

    Article openPollReview() {
        return data.publishedReview();
    }

    Article draftReview() {
        return data.draft();
    }

    Article scheduledReview(Instant at) {
        return data.scheduled(at);
    }

    VoteQuestion pollUnder(Article review, Consumer<VoteQuestion> change) {
        VoteQuestion created = data.pollFor(review);
        return transaction.execute(status -> {
            VoteQuestion question = questions.findPollById(created.getId()).orElseThrow();
            change.accept(question);
            return questions.saveAndFlush(question);
        });
    }

    /** The poll as the database holds it now, with its counts. */
    VoteQuestion reload(VoteQuestion question) {
        return transaction.execute(
                status -> questions.findPollById(question.getId()).orElseThrow());
    }

    static long yes(VoteQuestion question) {
        return question.getOptions().get(0).getId();
    }

    static long no(VoteQuestion question) {
        return question.getOptions().get(1).getId();
    }

    /**
     * Sends a vote and answers what the reader gets back. A vote that reaches the counter is
     * answered asynchronously, once committed: a 303 written straight onto the request
     * (DirectAnswer), or an answer with a body through Spring MVC's second, async dispatch, which
     * MockMvc needs to be asked for. One refused up front (403, 404, 429...) is answered at once.
     */
    static ResultActions voted(MockMvc mvc, RequestBuilder vote) throws Exception {
        MvcResult sent = mvc.perform(vote).andReturn();
        if (sent.getResponse().getStatus() == 307 && vote instanceof MockHttpServletRequestBuilder again) {
            // A new reader is given a voter cookie first; the browser sends the vote again with it.
            sent = mvc.perform(again.cookie(cookieSetBy(sent))).andReturn();
        }
        if (sent.getRequest().isAsyncStarted()) {
            DirectAnswer direct = DirectAnswer.on(sent.getRequest());
            WebAsyncManager spring = WebAsyncUtils.getAsyncManager(sent.getRequest());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (direct == null || !direct.written().isDone()) {
                if (spring.hasConcurrentResult()) {
                    return mvc.perform(asyncDispatch(sent));
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("The vote was not answered within 10 seconds");
                }
                Thread.sleep(1);
            }
            direct.written().join(); // also: what the writing thread wrote is now seen here
        }
        return answered(sent);
    }

    /** The voter cookie this answer set. */
    static Cookie cookieSetBy(MvcResult answer) {
        String header = answer.getResponse().getHeader("Set-Cookie");
        if (header == null || !header.startsWith(VoterCookies.NAME + "=")) {
            throw new AssertionError("No voter cookie was set: " + header);
        }
        return new Cookie(VoterCookies.NAME, header.substring(header.indexOf('=') + 1, header.indexOf(';')));
    }

    /** The voter cookie the reader's browser sent with this (followed) vote. */
    static Cookie voterCookieOf(MvcResult voted) {
        Cookie[] sent = voted.getRequest().getCookies();
        if (sent == null) {
            throw new AssertionError("The vote carried no cookie");
        }
        for (int i = sent.length - 1; i >= 0; i--) {
            if (VoterCookies.NAME.equals(sent[i].getName())) {
                return sent[i];
            }
        }
        throw new AssertionError("The vote carried no voter cookie");
    }

    private static ResultActions answered(MvcResult sent) {
        return new ResultActions() {
            @Override
            public ResultActions andExpect(ResultMatcher matcher) throws Exception {
                matcher.match(sent);
                return this;
            }

            @Override
            public ResultActions andDo(ResultHandler handler) throws Exception {
                handler.handle(sent);
                return this;
            }

            @Override
            public MvcResult andReturn() {
                return sent;
            }
        };
    }

    /** A reader's vote from the site's own page, from an address no other test uses. */
    static MockHttpServletRequestBuilder vote(VoteQuestion question, Object choice) {
        return voteFrom("http://localhost", question, choice);
    }

    /** A vote whose browser says it comes from this origin (null: no Origin header). */
    static MockHttpServletRequestBuilder voteFrom(String origin, VoteQuestion question, Object choice) {
        var request = post("/polls/{id}/votes", question.getId())
                .param("choice", String.valueOf(choice))
                .with(fromNewAddress());
        return origin == null ? request : request.header("Origin", origin);
    }

    static RequestPostProcessor fromNewAddress() {
        int n = addresses.incrementAndGet();
        return from("10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255));
    }

    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    /** The cookie a reader who has voted before carries. */
    Cookie voterCookie(String voterId) {
        return new Cookie(VoterCookies.NAME, cookies.valueFor(voterId));
    }

    Cookie newVoterCookie() {
        return voterCookie(cookies.newVoterId());
    }

    /** What the database holds: the counts on the options. */
    long countedVotes(long questionId) {
        return jdbc.sql("select coalesce(sum(votes), 0) from vote_option where question_id = ?")
                .param(questionId)
                .query(Long.class)
                .single();
    }

    /** Removes an answer straight from the database, without telling the site. */
    void deleteOption(long optionId) {
        jdbc.sql("delete from vote_option where id = ?").param(optionId).update();
    }

    /** What the database holds: the vote rows. */
    long voteRows(long questionId) {
        return jdbc.sql("select count(*) from vote where question_id = ?")
                .param(questionId)
                .query(Long.class)
                .single();
    }

    void setVotes(long optionId, long votes) {
        jdbc.sql("update vote_option set votes = ? where id = ?")
                .params(votes, optionId)
                .update();
    }

    static Instant now() {
        return Instant.now();
    }
}

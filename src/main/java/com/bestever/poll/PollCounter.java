package com.bestever.poll;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts votes exactly: the vote row and its option's count are written in one transaction.
 * The unique (question, voter) constraint decides who voted first; a vote that loses inserts
 * nothing and counts nothing, and a vote is acknowledged only after the commit.
 */
@Service
class PollCounter {

    private final JdbcClient jdbc;

    PollCounter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records one reader's answer.
     *
     * @return true if it was counted, false if this voter had already answered this question
     */
    @Transactional
    public boolean count(long questionId, long optionId, String voterId, String clientHash) {
        int inserted = jdbc.sql("""
                        insert into vote (question_id, option_id, voter_id, client_hash)
                        values (?, ?, ?, ?)
                        on conflict (question_id, voter_id) do nothing
                        """)
                .params(questionId, optionId, voterId, clientHash)
                .update();
        if (inserted == 0) {
            return false;
        }
        // Last in the transaction: the option's row stays locked only for the commit.
        int counted = jdbc.sql("update vote_option set votes = votes + 1 where id = ? and question_id = ?")
                .params(optionId, questionId)
                .update();
        if (counted != 1) {
            throw new IllegalArgumentException("Option " + optionId + " is not an answer to poll " + questionId);
        }
        return true;
    }
}

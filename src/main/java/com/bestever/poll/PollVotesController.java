package com.bestever.poll;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A poll's votes as CSV, for readers' journalism: when each vote was cast, in which round, for
 * which option, and whether an editor's voiding excluded it; never the reader's id nor their
 * address's hash. Anyone may download it once the poll's results are public (always, or once
 * it has closed, as its {@link ResultsShown} says): before that the votes would show the
 * standings the editor chose to keep back. Streamed a few thousand votes at a time, by keyset.
 */
@Controller
class PollVotesController {

    private static final int PAGE = 5000;

    private record Row(long id, Timestamp at, int round, String option, boolean excluded) {}

    private final Polls polls;
    private final PollStates states;
    private final JdbcClient jdbc;

    PollVotesController(Polls polls, PollStates states, JdbcClient jdbc) {
        this.polls = polls;
        this.states = states;
        this.jdbc = jdbc;
    }

    @GetMapping("/polls/{id}/votes.csv")
    void votes(@PathVariable String id, HttpServletResponse response) throws IOException {
        Poll poll = polls.visible(id);
        if (!poll.resultsShown().showsPublicly(states.state(poll).isClosed())) {
            throw new PollProblem(
                    HttpStatus.FORBIDDEN,
                    "This poll's votes are published once its results are public: when it closes.");
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"poll-" + poll.id() + "-votes.csv\"");
        PrintWriter out = response.getWriter();
        out.print("time,round,option,excluded\r\n");
        long after = 0;
        while (true) {
            List<Row> rows = jdbc.sql("""
                            select v.id, v.created_at, v.round, o.label, v.voiding_id is not null as excluded
                              from vote v join vote_option o on o.id = v.option_id
                             where v.question_id = ? and v.id > ?
                             order by v.id
                             limit ?""")
                    .params(poll.id(), after, PAGE)
                    .query((rs, n) ->
                            new Row(rs.getLong(1), rs.getTimestamp(2), rs.getInt(3), rs.getString(4), rs.getBoolean(5)))
                    .list();
            for (Row row : rows) {
                out.print(row.at().toInstant() + "," + row.round() + "," + csv(row.option()) + "," + row.excluded()
                        + "\r\n");
            }
            if (rows.size() < PAGE) {
                break;
            }
            after = rows.get(rows.size() - 1).id();
        }
        out.flush();
    }

    /** RFC 4180 quoting; a leading = + - @ is defused so that a spreadsheet never runs a label as a formula. */
    static String csv(String text) {
        String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}

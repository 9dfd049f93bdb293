package com.bestever.article;

import com.bestever.poll.VoteQuestion;

/** Everything the review page shows: the review, its body as safe HTML and its poll (may be null). */
public record ReviewPage(Article article, String bodyHtml, VoteQuestion poll) {}

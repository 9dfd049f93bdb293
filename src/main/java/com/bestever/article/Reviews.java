package com.bestever.article;

import com.bestever.poll.VoteQuestionRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Hibernate;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What readers may see of the reviews: only what is public at this moment, by the injected clock. */
@Service
@Transactional(readOnly = true)
public class Reviews {

    private final ArticleRepository articles;
    private final VoteQuestionRepository polls;
    private final Markdown markdown;
    private final Clock clock;
    private final ListingIndex listings;
    private final ReviewCards cards;

    Reviews(
            ArticleRepository articles,
            VoteQuestionRepository polls,
            Markdown markdown,
            Clock clock,
            ListingIndex listings,
            ReviewCards cards) {
        this.articles = articles;
        this.cards = cards;
        this.listings = listings;
        this.polls = polls;
        this.markdown = markdown;
        this.clock = clock;
    }

    /** The public review under this slug, with everything its page shows, in a fixed number of statements. */
    public Optional<ReviewPage> page(String slug) {
        return articles.findPublicBySlug(slug, clock.instant()).map(article -> {
            Hibernate.initialize(article.getFilm().getDirectors());
            return ReviewPage.of(
                    article,
                    bodyHtmlOf(article),
                    polls.findByArticleId(article.getId()).orElse(null),
                    neighbours(article));
        });
    }

    /** Other public reviews of the review's film or in its genre, newest first (for its "read next" lists). */
    List<ReviewCard> neighbours(Article article) {
        return cards.neighbours(
                article.getFilm().getId(), article.getGenre().getId(), article.getId(), clock.instant());
    }

    /** Every genre that has public reviews, with how many. */
    public List<GenreCount> genres() {
        return articles.countPublicByGenre(clock.instant());
    }

    /** A review's body as safe HTML: as stored when it was saved, or rendered now if not yet stored. */
    public String bodyHtmlOf(Article article) {
        return article.storedBodyHtml(Markdown.VERSION).orElseGet(() -> markdown.toSafeHtml(article.getBody()));
    }

    /** Where an earlier slug of a public review points now. */
    public Optional<String> currentSlugFor(String earlierSlug) {
        return articles.findCurrentSlugOfPublic(earlierSlug, clock.instant());
    }

    /** Whether a review readers could see under this slug has since been deleted (410 Gone). */
    public boolean wasDeletedFrom(String slug) {
        return articles.wasDeletedFrom(slug, clock.instant());
    }

    /** A page of the latest public reviews (home), found through the {@link ListingIndex}: no OFFSET, no count. */
    public Page<ReviewCard> latest(Pageable page) {
        Instant now = clock.instant();
        return cards(listings.all(now, page.getPageNumber(), page.getPageSize()), page, now);
    }

    public Page<ReviewCard> inGenre(Long genreId, Pageable page) {
        Instant now = clock.instant();
        return cards(listings.inGenre(genreId, now, page.getPageNumber(), page.getPageSize()), page, now);
    }

    public Page<ReviewCard> byAuthor(Long authorId, Pageable page) {
        Instant now = clock.instant();
        return cards(listings.byAuthor(authorId, now, page.getPageNumber(), page.getPageSize()), page, now);
    }

    /** Every public review of an author, from the listing order in memory (an author may have thousands). */
    public List<Long> publicIdsByAuthor(Long authorId) {
        return listings.allByAuthor(authorId, clock.instant());
    }

    public List<ReviewCard> aboutFilm(Long filmId) {
        return cards.aboutFilm(filmId, clock.instant());
    }

    /** The newest public reviews with their bodies, for the feed. */
    public List<ReviewEntry> newest(int count) {
        return entries(articles.findNewestEntries(clock.instant(), Markdown.VERSION, PageRequest.of(0, count)));
    }

    /** The newest public reviews in a genre, for its feed. */
    public List<ReviewEntry> newestInGenre(Long genreId, int count) {
        return entries(articles.findNewestEntriesInGenre(
                genreId, clock.instant(), Markdown.VERSION, PageRequest.of(0, count)));
    }

    /** A critic's newest public reviews, for their feed. */
    public List<ReviewEntry> newestByAuthor(Long authorId, int count) {
        return entries(articles.findNewestEntriesByAuthor(
                authorId, clock.instant(), Markdown.VERSION, PageRequest.of(0, count)));
    }

    /** Feed entries from {@link ArticleRepository#ENTRY} rows: the stored HTML, or the Markdown rendered now. */
    private List<ReviewEntry> entries(List<Object[]> rows) {
        List<ReviewEntry> entries = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Instant publishAt = (Instant) row[7];
            Instant updatedAt = (Instant) row[8];
            entries.add(new ReviewEntry(
                    (Long) row[0],
                    (String) row[1],
                    (String) row[2],
                    (String) row[3],
                    row[4] != null ? (String) row[4] : markdown.toSafeHtml((String) row[5]),
                    (String) row[6],
                    publishAt,
                    Article.lastChanged(updatedAt, publishAt),
                    new ReviewCard.Named((Long) row[9], (String) row[10], (String) row[11]),
                    new ReviewCard.Named((Long) row[12], (String) row[13], (String) row[14])));
        }
        return entries;
    }

    /** The cards of one slice of a listing, in the listing's order, read by primary key. */
    private Page<ReviewCard> cards(ListingIndex.Slice slice, Pageable page, Instant now) {
        if (slice.ids().isEmpty()) {
            return new PageImpl<>(List.of(), page, slice.total());
        }
        Map<Long, ReviewCard> byId = new HashMap<>();
        for (ReviewCard card : cards.byIds(slice.ids(), now)) {
            byId.put(card.id(), card);
        }
        List<ReviewCard> inOrder = new ArrayList<>(slice.ids().size());
        for (Long id : slice.ids()) {
            ReviewCard card = byId.get(id);
            if (card != null) {
                inOrder.add(card);
            }
        }
        return new PageImpl<>(inOrder, page, slice.total());
    }
}

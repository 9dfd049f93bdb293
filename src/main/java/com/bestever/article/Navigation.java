package com.bestever.article;

import com.bestever.system.ContentChanged;
import com.bestever.system.PageTags;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The site's navigation, built from what readers can find: the genres with the most public
 * reviews (at most {@link #SHOWN}, by name), then every genre at {@code /genres}. Every page's
 * header shows it ({@code ${@navigation.genres()}} in the layout), so it is kept in memory; a
 * content change drops it, and a scheduled review going public is seen within a minute at most.
 */
@Component("navigation")
public class Navigation {

    /** How many genres the header names; the rest are one click away on {@code /genres}. */
    static final int SHOWN = 6;

    /** One entry of the site's navigation. */
    public record Entry(String name, String slug) {}

    private final LoadingCache<Boolean, List<Entry>> genres;

    private final ApplicationEventPublisher events;

    Navigation(ArticleRepository articles, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.genres = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofMinutes(1))
                .build(key -> articles.countPublicByGenre(clock.instant()).stream()
                        .sorted(Comparator.comparingLong(GenreCount::reviews).reversed())
                        .limit(SHOWN)
                        .map(count ->
                                new Entry(count.genre().getName(), count.genre().getSlug()))
                        .sorted(Comparator.comparing(Entry::name))
                        .toList());
    }

    private volatile List<Entry> lastKnown = List.of();

    /** The entries; while the database is away, the last ones known, so error pages still render. */
    public List<Entry> genres() {
        try {
            List<Entry> entries = genres.get(Boolean.TRUE);
            if (entries != lastKnown) { // every header reads this: write only when it was loaded anew
                lastKnown = entries;
            }
            return entries;
        } catch (org.springframework.dao.DataAccessException
                | org.springframework.transaction.TransactionException ex) {
            return lastKnown;
        }
    }

    /**
     * A review or genre changed: the navigation is read again, and if it now differs (a genre's
     * first public review, a renamed genre), every page shows a different header, so every kept
     * page is dropped ({@link ContentChanged#everything()}; pages carry {@link PageTags#NAVIGATION}).
     */
    @TransactionalEventListener(fallbackExecution = true)
    void contentChanged(ContentChanged event) {
        if (event.isEverything()) {
            genres.invalidateAll();
            return;
        }
        if (event.kind() != ContentChanged.Kind.REVIEW && event.kind() != ContentChanged.Kind.GENRE) {
            return;
        }
        List<Entry> before = genres.getIfPresent(Boolean.TRUE);
        genres.invalidateAll();
        if (before != null && !before.equals(genres())) {
            events.publishEvent(ContentChanged.everything());
        }
    }
}

package com.bestever.article;

import com.bestever.system.BestEverProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.DigestUtils;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;

/**
 * A review card as HTML (templates: {@code fragments/cards :: card}), as {@code @cards} in the
 * listings' templates: the stored copy when there is a current one, else rendered now and stored
 * for the next page that shows it (in the background, in {@code review_card}).
 * <p>
 * Why: a listing page shows twenty cards, and Thymeleaf's evaluation of them was a third of the
 * page's CPU. A stored card is current while its digest equals the digest of the card as it would
 * be rendered now: of every value the template is given (the {@link ReviewCard}, read in the same
 * statement as the stored copy) and of the card template's own text and the site's time zone
 * ({@link #version}). So a renamed genre, a new poster, an edited template or another zone makes
 * a card stale with no event to miss, and its next reader's page renders it afresh. Each card is
 * stored twice: as lists show it, and as it heads a listing page (home, genre, author), where its
 * poster is loaded at once.
 */
@Component("cards")
public class CardHtml implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CardHtml.class);

    /** The templates the card's HTML is made from; a change to either makes every stored card stale. */
    static final List<String> TEMPLATES = List.of("fragments/cards", "fragments/picture");

    /** Cards waiting to be stored; past this many a rendered card is not kept (the next view renders it again). */
    private static final int WAITING = 5_000;

    private static final int BATCH = 200;

    private final ITemplateEngine templates;
    private final ApplicationContext application;
    private final JdbcClient jdbc;
    private final String version;
    private final BlockingQueue<Rendered> toStore = new ArrayBlockingQueue<>(WAITING);
    private volatile Thread storing;

    CardHtml(
            ITemplateEngine templates,
            ApplicationContext application,
            JdbcClient jdbc,
            ThymeleafProperties thymeleaf,
            BestEverProperties site) {
        this.templates = templates;
        this.application = application;
        this.jdbc = jdbc;
        this.version = version(application, thymeleaf, site);
    }

    /** The card's HTML: stored, or rendered now (both ways, and then stored). */
    public String html(ReviewCard card, boolean eager) {
        if (card.html() != null) {
            return card.html().as(eager);
        }
        ReviewCard shown = card.withoutHtml();
        ReviewCard.StoredHtml rendered = new ReviewCard.StoredHtml(render(shown, false), render(shown, true));
        toStore.offer(new Rendered(shown.id(), digest(shown), rendered));
        return rendered.as(eager);
    }

    /** The digest a stored copy of this card must carry to be current: of every value it shows, and {@link #version}. */
    String digest(ReviewCard card) {
        // A record prints every component (Picture prints its fields too), so a value added to
        // the card is in its digest without anyone remembering to add it.
        return digestOf(version + '\u001f' + card.withoutHtml());
    }

    private String render(ReviewCard card, boolean eager) {
        Context context = new Context(Locale.ENGLISH);
        context.setVariables(Map.of("review", card, "eager", eager));
        // Spring's expression context, so the template may call beans (@dates) as on any page.
        context.setVariable(
                ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(application, null));
        return templates.process("fragments/cards", Set.of("card"), context).strip();
    }

    /** Stores what pages rendered, a batch at a time, off the readers' threads. */
    private void storeWhileRunning() {
        List<Rendered> batch = new ArrayList<>(BATCH);
        while (storing == Thread.currentThread()) {
            try {
                Rendered first = toStore.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                toStore.drainTo(batch, BATCH - 1);
                store(batch);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException ex) {
                // The database is away or a review was deleted meanwhile: these cards are rendered again when next
                // shown.
                log.debug("Could not store {} rendered cards", batch.size(), ex);
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Stores rendered cards in one statement; a card stored meanwhile with another digest is
     * replaced (the reader's check decides). A card rendered by two pages before it was stored is
     * stored once: one statement may not write a row twice.
     */
    void store(List<Rendered> cards) {
        Map<Long, Rendered> byReview = new LinkedHashMap<>();
        for (Rendered card : cards) {
            byReview.put(card.reviewId(), card);
        }
        if (byReview.isEmpty()) {
            return;
        }
        Collection<Rendered> once = byReview.values();
        jdbc.sql("""
                        insert into review_card (article_id, digest, html, eager_html)
                        select r.id, r.digest, r.html, r.eager
                          from unnest(:ids, :digests, :htmls, :eagers) as r (id, digest, html, eager)
                         where exists (select 1 from article a where a.id = r.id)
                        on conflict (article_id) do update
                           set digest = excluded.digest, html = excluded.html, eager_html = excluded.eager_html
                         where review_card.digest <> excluded.digest
                        """)
                .param("ids", once.stream().map(Rendered::reviewId).toArray(Long[]::new))
                .param("digests", once.stream().map(Rendered::digest).toArray(String[]::new))
                .param("htmls", once.stream().map(card -> card.html().lazy()).toArray(String[]::new))
                .param("eagers", once.stream().map(card -> card.html().eager()).toArray(String[]::new))
                .update();
    }

    /** Stores every card still waiting (tests); a batch the storing thread has already taken may still be on its way. */
    void flush() {
        List<Rendered> batch = new ArrayList<>();
        toStore.drainTo(batch);
        store(batch);
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::storeWhileRunning, "card-store");
        thread.setDaemon(true);
        storing = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread thread = storing;
        storing = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return storing != null;
    }

    /** A card rendered by a page, to be stored. */
    record Rendered(long reviewId, String digest, ReviewCard.StoredHtml html) {}

    /** Of the card templates' text and the zone dates are shown in: what makes a card look as it does besides its values. */
    private static String version(
            ApplicationContext application, ThymeleafProperties thymeleaf, BestEverProperties site) {
        StringBuilder source = new StringBuilder(site.timeZone().getId());
        for (String template : TEMPLATES) {
            String location = thymeleaf.getPrefix() + template + thymeleaf.getSuffix();
            try (InputStream in = application.getResource(location).getInputStream()) {
                source.append('\u001f').append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ex) {
                throw new UncheckedIOException("The card template " + location + " cannot be read", ex);
            }
        }
        return digestOf(source.toString());
    }

    /** A digest of what a card shows, not a secret: MD5 is enough to tell one version from another. */
    private static String digestOf(String text) {
        return DigestUtils.md5DigestAsHex(text.getBytes(StandardCharsets.UTF_8));
    }
}

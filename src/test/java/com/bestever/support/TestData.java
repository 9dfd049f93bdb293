package com.bestever.support;

import com.bestever.article.Article;
import com.bestever.article.ArticleRepository;
import com.bestever.article.ArticleStatus;
import com.bestever.author.Author;
import com.bestever.author.AuthorRepository;
import com.bestever.film.Film;
import com.bestever.film.FilmRepository;
import com.bestever.genre.Genre;
import com.bestever.genre.GenreRepository;
import com.bestever.poll.VoteQuestion;
import com.bestever.poll.VoteQuestionRepository;
import com.bestever.system.ContentChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Small builders for test content, saved through the real repositories. Every name gets a
 * unique suffix, so tests sharing one database never collide. Like an editor's save, every
 * builder publishes {@link ContentChanged}, so cached public pages show the new content.
 */
@Component
public class TestData {

    private static final AtomicLong sequence = new AtomicLong(System.nanoTime() % 1_000_000);

    private final GenreRepository genres;
    private final AuthorRepository authors;
    private final FilmRepository films;
    private final ArticleRepository articles;
    private final VoteQuestionRepository polls;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    TestData(
            GenreRepository genres,
            AuthorRepository authors,
            FilmRepository films,
            ArticleRepository articles,
            VoteQuestionRepository polls,
            TransactionTemplate transaction,
            Clock clock,
            ApplicationEventPublisher events) {
        this.genres = genres;
        this.authors = authors;
        this.films = films;
        this.articles = articles;
        this.polls = polls;
        this.transaction = transaction;
        this.clock = clock;
        this.events = events;
    }

    private <T> T changed(T saved) {
        events.publishEvent(ContentChanged.everything());
        return saved;
    }

    public static String unique(String prefix) {
        return prefix + "-" + sequence.incrementAndGet();
    }

    public Genre genre() {
        String slug = unique("genre");
        return changed(genres.save(new Genre("Genre " + slug, slug)));
    }

    public Author author() {
        String slug = unique("critic");
        return changed(authors.save(new Author("Critic " + slug, slug, "Writes about films.")));
    }

    public Film film(Genre... genresOfFilm) {
        String slug = unique("film");
        Film film = new Film("Film " + slug, slug, 1970);
        film.setDirectors(List.of("A. Director"));
        film.setGenres(Set.of(genresOfFilm));
        return changed(films.save(film));
    }

    /** A review published a minute ago, with new genre, film and author unless the customiser sets them. */
    public Article publishedReview() {
        return review(article -> article.publish(clock.instant().minus(Duration.ofMinutes(1))));
    }

    public Article review(Consumer<Article> customiser) {
        return changed(transaction.execute(status -> {
            Genre genre = genre();
            String slug = unique("review");
            Article article = new Article(
                    "Review " + slug,
                    slug,
                    genre,
                    film(genre),
                    author(),
                    "A pull quote for " + slug + ".",
                    "The body of " + slug + ".\n\nA second paragraph.",
                    "The verdict on " + slug + ".");
            customiser.accept(article);
            return articles.save(article);
        }));
    }

    public Article draft() {
        return review(article -> article.setStatus(ArticleStatus.DRAFT));
    }

    public Article scheduled(Instant at) {
        return review(article -> article.schedule(at));
    }

    /** A poll with the two default options under the given review, open from now on. */
    public VoteQuestion pollFor(Article article) {
        return changed(transaction.execute(status -> {
            Article fresh = articles.findById(article.getId()).orElseThrow();
            VoteQuestion poll = new VoteQuestion(
                    fresh.getId(),
                    fresh.getFilm(),
                    fresh.getGenre(),
                    VoteQuestion.defaultQuestion(
                            fresh.getFilm().getTitle(), fresh.getGenre().getName()),
                    clock.instant().minus(Duration.ofMinutes(1)));
            poll.addDefaultOptions();
            return polls.save(poll);
        }));
    }
}

package com.bestever.article;

import com.bestever.author.Author;
import com.bestever.author.AuthorRepository;
import com.bestever.film.Film;
import com.bestever.film.FilmRepository;
import com.bestever.film.TypographicPoster;
import com.bestever.genre.Genre;
import com.bestever.genre.GenreRepository;
import com.bestever.poll.VoteQuestion;
import com.bestever.poll.VoteQuestionRepository;
import com.bestever.system.BestEverProperties;
import com.bestever.system.ImageRejected;
import com.bestever.system.Images;
import com.bestever.system.OneAtATime;
import com.bestever.system.Picture;
import com.bestever.system.Slugs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads the house's first review into an empty database, from the text exactly as the
 * editor filed it ({@code sample/the-400-blows.txt}), with its film, author, genres and poll.
 */
@Component
class SampleContent implements ApplicationRunner {

    static final String FILED_REVIEW = "sample/the-400-blows.txt";
    /** The name of this work for {@link OneAtATime}. */
    static final String SAMPLE_CONTENT = "sample content";

    private static final Logger log = LoggerFactory.getLogger(SampleContent.class);
    private static final Pattern CLOSING =
            Pattern.compile("^(.+?)\\s+(Is .+ the Best Ever (.+) Movie\\?)\\s+You tell us\\.$");

    private final BestEverProperties properties;
    private final ArticleRepository articles;
    private final FilmRepository films;
    private final AuthorRepository authors;
    private final GenreRepository genres;
    private final VoteQuestionRepository polls;
    private final Images images;
    private final OneAtATime oneAtATime;

    SampleContent(
            BestEverProperties properties,
            ArticleRepository articles,
            FilmRepository films,
            AuthorRepository authors,
            GenreRepository genres,
            VoteQuestionRepository polls,
            Images images,
            OneAtATime oneAtATime) {
        this.images = images;
        this.oneAtATime = oneAtATime;
        this.properties = properties;
        this.articles = articles;
        this.films = films;
        this.authors = authors;
        this.genres = genres;
        this.polls = polls;
    }

    /**
     * A typographic poster made here from the film's facts (no image is downloaded), through the
     * same checks and renditions as an editor's upload; none if this machine cannot draw text.
     */
    private Picture poster(Film film) {
        try {
            return images.store(
                    images.check(TypographicPoster.of(film)),
                    "Typographic poster of " + film.getTitle() + " (" + film.getReleaseYear() + ")");
        } catch (ImageRejected | RuntimeException | LinkageError ex) {
            log.warn("The sample film gets no poster: it could not be drawn here ({})", ex.toString());
            return null;
        }
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) throws IOException {
        if (!properties.sampleContent()) {
            return;
        }
        // Instances starting together on an empty database: one loads it, the others then find it.
        oneAtATime.hold(SAMPLE_CONTENT);
        if (articles.count() > 0) {
            return;
        }
        FiledReview filed = FiledReview.parse(read(FILED_REVIEW));

        Genre drama = genre(filed.genreName());
        Genre comingOfAge = genre(filed.pollGenreName());
        Author author = authors.findBySlug(Slugs.of(filed.byline()))
                .orElseGet(
                        () -> authors.save(
                                new Author(
                                        filed.byline(),
                                        Slugs.of(filed.byline()),
                                        "Philip Dale writes about the films that made him, and argues with readers about the ones that didn't.")));

        Film film = new Film("The 400 Blows", "the-400-blows", 1959);
        film.setOriginalTitle("Les Quatre Cents Coups");
        film.setDirectors(List.of("François Truffaut"));
        film.setCast(List.of("Jean-Pierre Léaud"));
        film.setCountry("France");
        film.setLanguage("French");
        film.setRuntimeMinutes(99);
        film.setGenres(Set.of(drama, comingOfAge));
        film.setPoster(poster(film));
        films.save(film);

        Article review = new Article(
                filed.title(),
                Slugs.of(filed.title()),
                drama,
                film,
                author,
                filed.pullQuote(),
                String.join("\n\n", filed.paragraphs()),
                filed.verdict());
        filed.recommendations().forEach(text -> review.addRecommendation(text, null));
        review.publish(filed.date().atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC));
        articles.save(review);

        VoteQuestion poll =
                new VoteQuestion(review.getId(), film, comingOfAge, filed.pollQuestion(), review.getPublishAt());
        poll.addDefaultOptions();
        polls.save(poll);
        log.info("Loaded the sample review /reviews/{} into the empty database", review.getSlug());
    }

    private Genre genre(String name) {
        return genres.findBySlug(Slugs.of(name)).orElseGet(() -> genres.save(new Genre(name, Slugs.of(name))));
    }

    static String read(String resource) throws IOException {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The parts of a review in the layout editors file them in (see the sample file). */
    record FiledReview(
            String genreName,
            String title,
            String pullQuote,
            List<String> paragraphs,
            String verdict,
            String pollQuestion,
            String pollGenreName,
            List<String> recommendations,
            String byline,
            LocalDate date) {

        static FiledReview parse(String text) {
            List<String> lines = text.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .toList();
            String genreName = lines.get(1).replaceFirst("\\s*Movie\\?$", "");
            String title = lines.get(2);
            String pullQuote = lines.get(3).replaceAll("^[\"“]|[\"”]$", "");
            int closingLine = indexOf(lines, line -> line.endsWith("You tell us."));
            Matcher closing = CLOSING.matcher(lines.get(closingLine));
            if (!closing.matches()) {
                throw new IllegalArgumentException("The filed review has no verdict and poll line");
            }
            List<String> recommendations = new ArrayList<>();
            int line = indexOf(lines, l -> l.startsWith("Decide for Yourself")) + 1;
            for (; lines.get(line).startsWith("- "); line++) {
                recommendations.add(lines.get(line).substring(2));
            }
            String byline = lines.get(line).replaceFirst("^By\\s+", "");
            LocalDate date =
                    LocalDate.parse(lines.get(line + 1), DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH));
            return new FiledReview(
                    genreName,
                    title,
                    pullQuote,
                    lines.subList(4, closingLine),
                    closing.group(1),
                    closing.group(2),
                    closing.group(3),
                    recommendations,
                    byline,
                    date);
        }

        private static int indexOf(List<String> lines, java.util.function.Predicate<String> test) {
            for (int i = 0; i < lines.size(); i++) {
                if (test.test(lines.get(i))) {
                    return i;
                }
            }
            throw new IllegalArgumentException("The filed review is missing a part");
        }
    }
}

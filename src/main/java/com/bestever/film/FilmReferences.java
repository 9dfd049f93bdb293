package com.bestever.film;

import com.bestever.system.References;
import com.bestever.system.Usage;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The films in a genre: they keep the genre from being deleted. */
@Component
@Order(2)
class FilmReferences implements References {

    private final FilmRepository films;

    FilmReferences(FilmRepository films) {
        this.films = films;
    }

    @Override
    public void count(Target target, long id, Usage usage) {
        if (target == Target.GENRE) {
            usage.add(films.countByGenresId(id), "film", "films");
        }
    }
}

package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.bestever.system.CatalogDesk.Deletion;
import com.bestever.system.CatalogDesk.Saved;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

/**
 * The catalog desks' shared flow on its own, including the races the page tests cannot stage:
 * a save refused by the database and a delete that finds a new reference.
 */
class CatalogDeskTests {

    static final String STALE = "Someone else saved this thing meanwhile.";

    /** A thing's form; the desk only needs its version. */
    static class ThingForm implements VersionedForm {
        private Long version;
        private String name = "";

        public Long getVersion() {
            return version;
        }

        public void setVersion(Long version) {
            this.version = version;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    final CatalogDesk desk = new CatalogDesk(
            "/admin/things",
            STALE,
            id -> 7,
            (ex, result) -> result.rejectValue("name", "taken", "Another thing has this name."));

    final ThingForm typed = new ThingForm();
    final BindingResult result = new BeanPropertyBindingResult(typed, "thingForm");
    final RedirectAttributesModelMap redirect = new RedirectAttributesModelMap();

    @Test
    void aSaveThatGoesThroughShowsTheEntryWithItsNotice() {
        String next = desk.create(result, redirect, () -> "thing/admin/form", () -> new Saved(42, "Added the thing."));
        assertThat(next).isEqualTo("redirect:/admin/things/42/edit");
        assertThat(redirect.getFlashAttributes().get("notice")).isEqualTo("Added the thing.");
    }

    @Test
    void aFormWithErrorsIsShownAgainAndNothingIsSaved() {
        result.rejectValue("name", "empty", "Enter a name.");
        String next = desk.create(result, redirect, () -> "thing/admin/form", () -> {
            throw new AssertionError("saved a form with errors");
        });
        assertThat(next).isEqualTo("thing/admin/form");
        assertThat(redirect.getFlashAttributes()).isEmpty();
    }

    @Test
    void aSaveTheDatabaseRefusesIsShownOnTheForm() {
        String next = desk.create(result, redirect, () -> "thing/admin/form", () -> {
            throw new DataIntegrityViolationException("duplicate", new SQLException("thing_name_unique"));
        });
        assertThat(next).isEqualTo("thing/admin/form");
        assertThat(result.getFieldError("name").getDefaultMessage()).isEqualTo("Another thing has this name.");
    }

    @Test
    void aStaleSaveKeepsTheTextSaysSoAndMovesTheFormToTheVersionSavedMeanwhile() {
        typed.setVersion(3L);
        typed.setName("Typed by the second editor");
        String next = desk.update(9, typed, result, redirect, () -> "thing/admin/form", () -> {
            throw new ObjectOptimisticLockingFailureException(Object.class, 9);
        });
        assertThat(next).isEqualTo("thing/admin/form");
        assertThat(result.getGlobalError().getDefaultMessage()).isEqualTo(STALE);
        assertThat(typed.getVersion()).isEqualTo(7);
        assertThat(typed.getName()).isEqualTo("Typed by the second editor");
    }

    @Test
    void aFormIsStaleUnlessMadeFromTheVersionSaved() {
        typed.setVersion(3L);
        typed.requireVersion(3, Object.class, 9);
        assertThatExceptionOfType(ObjectOptimisticLockingFailureException.class)
                .isThrownBy(() -> typed.requireVersion(4, Object.class, 9));
        typed.setVersion(null);
        assertThatExceptionOfType(ObjectOptimisticLockingFailureException.class)
                .isThrownBy(() -> typed.requireVersion(3, Object.class, 9));
    }

    static final Deletion WORDS = new Deletion(
            "Deleted the thing.",
            usage -> "The thing cannot be deleted: " + usage.subject() + " about it.",
            "The thing cannot be deleted: something is about it now.");

    @Test
    void aDeleteIsRefusedWhileSomethingPointsAtTheEntry() {
        String next = desk.delete(
                9,
                new Usage().add(2, "review", "reviews"),
                () -> {
                    throw new AssertionError("deleted a thing in use");
                },
                WORDS,
                redirect);
        assertThat(next).isEqualTo("redirect:/admin/things/9/edit");
        assertThat(redirect.getFlashAttributes().get("problem"))
                .isEqualTo("The thing cannot be deleted: 2 reviews are about it.");
    }

    @Test
    void aDeleteTheDatabaseRefusesSaysSomethingCameToPointAtTheEntry() {
        String next = desk.delete(
                9,
                new Usage(),
                () -> {
                    throw new DataIntegrityViolationException("still referenced");
                },
                WORDS,
                redirect);
        assertThat(next).isEqualTo("redirect:/admin/things/9/edit");
        assertThat(redirect.getFlashAttributes().get("problem"))
                .isEqualTo("The thing cannot be deleted: something is about it now.");
    }

    @Test
    void aDeleteThatGoesThroughShowsTheList() {
        boolean[] deleted = {false};
        String next = desk.delete(9, new Usage(), () -> deleted[0] = true, WORDS, redirect);
        assertThat(deleted[0]).isTrue();
        assertThat(next).isEqualTo("redirect:/admin/things");
        assertThat(redirect.getFlashAttributes().get("notice")).isEqualTo("Deleted the thing.");
    }
}

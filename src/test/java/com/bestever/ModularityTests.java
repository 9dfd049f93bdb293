package com.bestever;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The feature packages point one way: system ← admin ← genre, author ← film ← poll ← article ←
 * seo, and search → system. Each feature's top-level package is its API; sub-packages are its own.
 */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(BestEverApplication.class);

    @Test
    void featuresPointOneWayWithoutCycles() {
        modules.verify();
    }

    /** Writes the module diagram and a page per module under target/spring-modulith-docs. */
    @Test
    void writesTheModuleDiagram() {
        new Documenter(modules).writeDocumentation();
    }
}

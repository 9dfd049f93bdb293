package com.bestever.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The imports under way on this instance, one at a time on a thread of their own, so that a
 * 100,000-review file is previewed and imported while the editor watches its progress page. The
 * uploaded file stays in a temporary file until the import is done or refused.
 */
@Component
class ImportJobs {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    enum State {
        PREVIEWING,
        PREVIEWED,
        IMPORTING,
        IMPORTED,
        REFUSED
    }

    static final class Job {
        final String id = UUID.randomUUID().toString();
        final Path file;
        final Importer importer;
        final String kind;
        final Progress progress = new Progress();
        final long startedAt = System.nanoTime();
        volatile State state = State.PREVIEWING;
        volatile SiteImport.Outcome outcome;
        volatile String refusal;

        Job(Path file, Importer importer, String kind) {
            this.file = file;
            this.importer = importer;
            this.kind = kind;
        }

        public String getId() {
            return id;
        }

        public String getKind() {
            return kind;
        }

        public State getState() {
            return state;
        }

        public boolean isRunning() {
            return state == State.PREVIEWING || state == State.IMPORTING;
        }

        public Progress getProgress() {
            return progress;
        }

        public SiteImport.Outcome getOutcome() {
            return outcome;
        }

        public String getRefusal() {
            return refusal;
        }
    }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "site-import");
        thread.setDaemon(true);
        return thread;
    });

    Job start(Path file, Importer importer, String kind) {
        forgetOldJobs();
        Job job = new Job(file, importer, kind);
        jobs.put(job.id, job);
        worker.submit(() -> run(job, () -> {
            job.progress.phase("Reading the file and comparing it with the site");
            job.outcome = importer.preview(file, job.progress);
            job.state = State.PREVIEWED;
        }));
        return job;
    }

    void importNow(Job job, Long accountId, String actor) {
        if (job.state != State.PREVIEWED) {
            return;
        }
        job.progress.total(0); // the preview's count is not the import's
        job.state = State.IMPORTING;
        worker.submit(() -> run(job, () -> {
            job.progress.phase("Importing");
            job.outcome = job.importer.apply(job.file, job.progress, accountId, actor);
            job.state = State.IMPORTED;
            delete(job.file);
        }));
    }

    /** A job an hour old that is not running is forgotten, and its file (a preview never confirmed) deleted. */
    private void forgetOldJobs() {
        long hourAgo = System.nanoTime() - TimeUnit.HOURS.toNanos(1);
        jobs.values().removeIf(job -> {
            boolean old = !job.isRunning() && job.startedAt - hourAgo < 0;
            if (old) {
                delete(job.file);
            }
            return old;
        });
    }

    Job find(String id) {
        return jobs.get(id);
    }

    private void run(Job job, Runnable step) {
        try {
            step.run();
        } catch (ImportRefused ex) {
            job.refusal = ex.getMessage();
            job.state = State.REFUSED;
            delete(job.file);
        } catch (RuntimeException ex) {
            log.error("import {} failed", job.id, ex);
            job.refusal =
                    "The import failed and wrote nothing: " + ex.getClass().getSimpleName()
                            + (ex.getMessage() == null ? "" : " (" + ExportFormat.cut(ex.getMessage()) + ")") + ".";
            job.state = State.REFUSED;
            delete(job.file);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ex) {
            log.warn("could not delete {}", file);
        }
    }
}

package com.bestever.article;

import com.bestever.system.BestEverProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.DigestUtils;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;

/**
 * What the stored parts of pages share ({@link CardHtml}, {@link ReviewHtml}): a fragment rendered
 * outside any request, the version of the templates it is made from, the digest that says whether a
 * stored copy is still what would be rendered now, and a queue that stores renderings off the
 * readers' threads.
 */
@Component
class StoredRenderings implements SmartLifecycle {

    private final ITemplateEngine templates;
    private final ApplicationContext application;
    private final ThymeleafProperties thymeleaf;
    private final BestEverProperties site;
    private final List<Storing<?>> queues = new CopyOnWriteArrayList<>();
    private volatile boolean running;

    StoredRenderings(
            ITemplateEngine templates,
            ApplicationContext application,
            ThymeleafProperties thymeleaf,
            BestEverProperties site) {
        this.templates = templates;
        this.application = application;
        this.thymeleaf = thymeleaf;
        this.site = site;
    }

    /**
     * A queue of renderings to store, {@code batchSize} at a time, by {@code store} on a daemon
     * thread of its own while the site runs; past {@code waiting} renderings, more are dropped. A
     * batch holds one rendering per {@code key} (the latest), so one statement may write each row:
     * two pages may render the same part before it is stored.
     */
    <T> Storing<T> storing(String name, int waiting, int batchSize, Function<T, Object> key, Consumer<List<T>> store) {
        Storing<T> queue = new Storing<>(name, waiting, batchSize, key, store);
        queues.add(queue);
        if (running) {
            queue.start();
        }
        return queue;
    }

    @Override
    public void start() {
        running = true;
        queues.forEach(Storing::start);
    }

    @Override
    public void stop() {
        running = false;
        queues.forEach(Storing::stop);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** One fragment of a template, rendered with these variables and no request (links are written out). */
    String render(String template, String fragment, Map<String, Object> variables) {
        Context context = new Context(Locale.ENGLISH);
        context.setVariables(variables);
        // Spring's expression context, so the template may call beans (@dates) as on any page.
        context.setVariable(
                ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(application, null));
        return templates.process(template, Set.of(fragment), context).strip();
    }

    /**
     * Of these templates' text and the zone dates are shown in: what makes a stored part look as it
     * does besides its values, so an edited template or another zone makes every stored copy stale.
     */
    String version(List<String> templateNames) {
        StringBuilder source = new StringBuilder(site.timeZone().getId());
        for (String template : templateNames) {
            String location = thymeleaf.getPrefix() + template + thymeleaf.getSuffix();
            try (InputStream in = application.getResource(location).getInputStream()) {
                source.append('\u001f').append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ex) {
                throw new UncheckedIOException("The template " + location + " cannot be read", ex);
            }
        }
        return digestOf(source.toString());
    }

    /**
     * The digest a stored copy must carry to be current: of the version of its templates and of the
     * values it shows, as a record prints them (every component, so a value added to the record is
     * in the digest without anyone remembering to add it).
     */
    static String digest(String version, Record shown) {
        return digestOf(version + '\u001f' + shown);
    }

    /** Not a secret: MD5 is enough to tell one version from another. */
    private static String digestOf(String text) {
        return DigestUtils.md5DigestAsHex(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Renderings waiting to be stored, stored a batch at a time by a daemon thread of their own. A
     * full queue drops what does not fit, and a batch that cannot be stored is dropped: the next
     * page that shows those parts renders them again.
     */
    static final class Storing<T> {

        private static final Logger log = LoggerFactory.getLogger(Storing.class);

        private final String name;
        private final int batchSize;
        private final Function<T, Object> key;
        private final Consumer<List<T>> store;
        private final BlockingQueue<T> waiting;
        private volatile Thread storing;

        private Storing(String name, int waiting, int batchSize, Function<T, Object> key, Consumer<List<T>> store) {
            this.name = name;
            this.key = key;
            this.batchSize = batchSize;
            this.store = store;
            this.waiting = new ArrayBlockingQueue<>(waiting);
        }

        void offer(T rendered) {
            waiting.offer(rendered);
        }

        /** Stores everything still waiting, now (tests); a batch the thread has already taken may still be on its way. */
        void flush() {
            List<T> batch = new ArrayList<>();
            waiting.drainTo(batch);
            if (!batch.isEmpty()) {
                store.accept(once(batch));
            }
        }

        private List<T> once(List<T> batch) {
            Map<Object, T> latest = new LinkedHashMap<>();
            for (T rendered : batch) {
                latest.put(key.apply(rendered), rendered);
            }
            return List.copyOf(latest.values());
        }

        private void start() {
            Thread thread = new Thread(this::storeWhileRunning, name);
            thread.setDaemon(true);
            storing = thread;
            thread.start();
        }

        private void stop() {
            Thread thread = storing;
            storing = null;
            if (thread != null) {
                thread.interrupt();
            }
        }

        private void storeWhileRunning() {
            List<T> batch = new ArrayList<>(batchSize);
            while (storing == Thread.currentThread()) {
                try {
                    T first = waiting.poll(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    waiting.drainTo(batch, batchSize - 1);
                    store.accept(once(batch));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException ex) {
                    // The database is away or a review was deleted meanwhile: rendered again when next shown.
                    log.debug("{}: could not store {} renderings", name, batch.size(), ex);
                } finally {
                    batch.clear();
                }
            }
        }
    }
}

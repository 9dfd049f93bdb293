package com.bestever.system;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The one place content changes are announced: a JPA entity listener on every {@link PublicContent}
 * entity (Hibernate gets it from Spring, so it has the event publisher). It runs when the write
 * is flushed, inside the writer's transaction; listeners that must see the committed rows use
 * {@code @TransactionalEventListener}.
 */
public class ContentChanges {

    private final ApplicationEventPublisher events;

    public ContentChanges(ApplicationEventPublisher events) {
        this.events = events;
    }

    @PostPersist
    @PostUpdate
    @PostRemove
    void written(Object entity) {
        if (entity instanceof PublicContent content) {
            events.publishEvent(content.changed());
        }
    }
}

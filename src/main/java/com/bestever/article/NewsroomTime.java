package com.bestever.article;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

import com.bestever.system.BestEverProperties;

/** Times as the newsroom reads them ("2026-01-31 09:00 UTC"), in the site's zone; templates call it as {@code @newsroomTime}. */
@Component("newsroomTime")
public class NewsroomTime {

    private final DateTimeFormatter format;

    NewsroomTime(BestEverProperties properties) {
        this.format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").withZone(properties.timeZone());
    }

    public String format(Instant instant) {
        return instant == null ? "" : format.format(instant);
    }
}

package com.bestever.seo;

import com.bestever.system.ContentChanged;
import com.bestever.system.PageTags;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.xml.stream.XMLStreamException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /feed.xml}: the Atom feed of the latest reviews, for feed readers. */
@Controller
class FeedController {

    private final Feed feed;

    FeedController(Feed feed) {
        this.feed = feed;
    }

    @GetMapping("/feed.xml")
    void feed(HttpServletResponse response) throws IOException, XMLStreamException {
        response.setContentType("application/atom+xml;charset=UTF-8");
        PageTags.add(
                ContentChanged.Kind.REVIEW.all(), ContentChanged.Kind.GENRE.all(), ContentChanged.Kind.AUTHOR.all());
        feed.write(response.getWriter());
    }
}

package com.bestever.seo;

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
        feed.write(response.getWriter());
    }
}

package com.bestever.system;

import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.context.request.WebRequest;

/**
 * {@code /images/{key}-{width}.jpg}: a rendition of an uploaded image. Its name is a hash of its
 * content, so it never changes: {@code Cache-Control: public, max-age=31536000, immutable}, the name
 * as its ETag, and 304 to a browser that has it (without reading the database).
 */
@Controller
class ImageController {

    private static final String NAME = "[0-9a-f]{24}-[0-9]{1,4}\\.jpg";
    private static final CacheControl FOR_EVER =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final ImageStore store;

    ImageController(ImageStore store) {
        this.store = store;
    }

    @GetMapping("/images/{name}")
    ResponseEntity<byte[]> image(@PathVariable String name, WebRequest request) {
        if (!name.matches(NAME)) {
            throw new NotFoundException("image " + name);
        }
        String etag = "\"" + name + "\"";
        if (request.checkNotModified(etag)) {
            return ResponseEntity.status(304).eTag(etag).cacheControl(FOR_EVER).build();
        }
        ImageStore.StoredFile file = store.get(name).orElseThrow(() -> new NotFoundException("image " + name));
        return ResponseEntity.ok()
                .eTag(etag)
                .cacheControl(FOR_EVER)
                .contentType(MediaType.parseMediaType(file.contentType()))
                .body(file.bytes());
    }
}

package com.bestever.system;

import java.util.ArrayList;
import java.util.List;

/**
 * What still points at something an editor wants to delete, said in words:
 * "1 review and 2 polls are about it".
 */
public final class Usage {

    private final List<String> parts = new ArrayList<>();
    private long total;

    public Usage add(long count, String one, String many) {
        if (count > 0) {
            parts.add(count + " " + (count == 1 ? one : many));
            total += count;
        }
        return this;
    }

    public boolean none() {
        return parts.isEmpty();
    }

    /** "1 review is", "2 reviews and 1 poll are": the start of a sentence such as "… about it". */
    public String subject() {
        String joined = parts.size() <= 1
                ? String.join("", parts)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
        return joined + (total == 1 ? " is" : " are");
    }
}

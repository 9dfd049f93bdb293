package com.bestever.article;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is at the keyboard: the signed-in name (kept on reviews and revisions) and whether they
 * may publish. Editors and admins publish; writers draft their own reviews and submit them.
 */
record NewsroomMember(String name, boolean mayPublish) {

    static NewsroomMember of(Authentication authentication) {
        boolean editor = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(role -> role.equals("ROLE_EDITOR") || role.equals("ROLE_ADMIN"));
        return new NewsroomMember(authentication.getName(), editor);
    }

    /** Whether this member may change the review: editors any, writers their own unpublished drafts. */
    boolean mayEdit(Article article) {
        return mayPublish || (name.equals(article.getCreatedBy()) && !article.getStatus().goesPublic());
    }
}

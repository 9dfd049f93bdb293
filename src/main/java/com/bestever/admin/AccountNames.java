package com.bestever.admin;

import java.util.Map;

/** The user names of some accounts, looked up at once, for "by …" beside what they saved. */
public record AccountNames(Map<Long, String> byId) {

    /** The user name of this account; null for null, or for an account that is gone. */
    public String of(Long accountId) {
        return accountId == null ? null : byId.get(accountId);
    }
}

package com.bestever.transfer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What an import file may hold ({@code bestever.transfer.*}); the upload's own size is
 * {@code bestever.request-body.imports}, refused before it is stored.
 *
 * @param maxEntries entries a zip may have
 * @param maxInflated bytes all its entries may inflate to, together
 * @param maxRatio how many times its compressed size an entry (or the whole zip) may inflate to
 */
@ConfigurationProperties("bestever.transfer")
record TransferLimits(
        @DefaultValue("2000000") int maxEntries,
        @DefaultValue("8GB") DataSize maxInflated,
        @DefaultValue("100") int maxRatio) {}

package com.bestever.transfer;

import java.nio.file.Path;

/** A kind of file the newsroom imports: first previewed (nothing written), then imported whole. */
interface Importer {

    SiteImport.Outcome preview(Path file, Progress progress);

    SiteImport.Outcome apply(Path file, Progress progress, Long accountId, String actor);
}

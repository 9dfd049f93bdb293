package com.bestever.transfer;

/** A file the import will not take, with the sentence that tells the editor why; nothing was written. */
class ImportRefused extends RuntimeException {

    ImportRefused(String message) {
        super(message);
    }
}

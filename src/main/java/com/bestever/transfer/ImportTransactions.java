package com.bestever.transfer;

import com.bestever.admin.AuditKind;
import com.bestever.admin.AuditLog;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How every import runs: its preview in a read-only transaction (it writes nothing), the import
 * itself in one transaction with its {@code IMPORTED} audit entry, so the site takes the whole
 * file and its entry, or nothing.
 */
@Component
class ImportTransactions {

    private final AuditLog audit;
    private final TransactionTemplate writes;
    private final TransactionTemplate reads;

    ImportTransactions(AuditLog audit, PlatformTransactionManager transactionManager) {
        this.audit = audit;
        this.writes = new TransactionTemplate(transactionManager);
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setReadOnly(true);
    }

    SiteImport.Outcome preview(Supplier<SiteImport.Outcome> run) {
        return reads.execute(status -> run.get());
    }

    SiteImport.Outcome apply(Supplier<SiteImport.Outcome> run, Long accountId, String actor, String what) {
        return writes.execute(status -> {
            SiteImport.Outcome outcome = run.get();
            audit.recordAs(
                    AuditKind.IMPORTED, accountId, actor, AuditLog.Subject.NONE, what + ": " + outcome.summary());
            return outcome;
        });
    }
}

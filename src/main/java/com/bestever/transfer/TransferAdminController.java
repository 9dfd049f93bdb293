package com.bestever.transfer;

import com.bestever.admin.AuditKind;
import com.bestever.admin.AuditLog;
import com.bestever.admin.SignedIn;
import com.bestever.system.BestEverProperties;
import com.bestever.system.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The newsroom's export and import (administrators only, {@code /admin/transfer/**}): the whole
 * site as one zip, streamed as it is read; an import uploaded, previewed, then imported while the
 * page shows how far it has come.
 */
@Controller
class TransferAdminController {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final SiteExport export;
    private final SiteImport siteImport;
    private final ForeignImport foreignImport;
    private final ImportJobs jobs;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final BestEverProperties properties;
    private final Clock clock;

    TransferAdminController(
            SiteExport export,
            SiteImport siteImport,
            ForeignImport foreignImport,
            ImportJobs jobs,
            AuditLog audit,
            PlatformTransactionManager transactionManager,
            BestEverProperties properties,
            Clock clock) {
        this.export = export;
        this.siteImport = siteImport;
        this.foreignImport = foreignImport;
        this.jobs = jobs;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/admin/transfer")
    String page() {
        return "transfer/transfer";
    }

    @GetMapping("/admin/transfer/export.zip")
    void download(HttpServletResponse response) throws IOException {
        transactions.executeWithoutResult(status -> audit.record(
                AuditKind.EXPORTED,
                AuditLog.Subject.NONE,
                "Whole site exported (format version " + ExportFormat.VERSION + ")"));
        response.setContentType("application/zip");
        response.setHeader(
                "Content-Disposition", "attachment; filename=\"bestever-" + STAMP.format(clock.instant()) + ".zip\"");
        export.write(response.getOutputStream(), properties.baseUrl());
    }

    @PostMapping("/admin/transfer/import")
    String upload(
            @RequestParam(name = "file", required = false) MultipartFile file,
            Model model,
            HttpServletResponse response)
            throws IOException {
        if (file == null || file.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute(
                    "problem",
                    "Choose a file to import: a Best Ever export (.zip), a WordPress export (.xml) or a Ghost export (.json or .zip).");
            return "transfer/transfer";
        }
        Path stored = Files.createTempFile("bestever-import-", ".upload");
        try (InputStream in = file.getInputStream()) {
            Files.copy(in, stored, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Importer importer;
        String kind;
        if (foreignImport.recognises(stored)) {
            importer = foreignImport;
            kind = "another platform's export (WordPress or Ghost)";
        } else {
            importer = siteImport;
            kind = "a Best Ever export";
        }
        ImportJobs.Job job = jobs.start(stored, importer, kind);
        return "redirect:/admin/transfer/jobs/" + job.getId();
    }

    @GetMapping("/admin/transfer/jobs/{id}")
    String job(@PathVariable String id, Model model, HttpServletResponse response) {
        ImportJobs.Job job = found(id);
        // Read once: the import goes on meanwhile, and the page must tell one state throughout.
        ImportJobs.State state = job.getState();
        boolean running = state == ImportJobs.State.PREVIEWING || state == ImportJobs.State.IMPORTING;
        model.addAttribute("job", job);
        model.addAttribute("state", state.name());
        model.addAttribute("running", running);
        if (running) {
            // The page follows the import without JavaScript.
            response.setHeader("Refresh", "2");
        }
        if (state == ImportJobs.State.REFUSED) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        return "transfer/job";
    }

    @PostMapping("/admin/transfer/jobs/{id}/import")
    String confirm(@PathVariable String id, @AuthenticationPrincipal SignedIn signedIn, RedirectAttributes redirect) {
        ImportJobs.Job job = found(id);
        jobs.importNow(job, signedIn.accountId(), signedIn.getUsername());
        return "redirect:/admin/transfer/jobs/" + id;
    }

    private ImportJobs.Job found(String id) {
        ImportJobs.Job job = jobs.find(id);
        if (job == null) {
            throw new NotFoundException("import " + id);
        }
        return job;
    }
}

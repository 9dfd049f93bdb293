package com.bestever.admin;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface AccountRepository extends JpaRepository<Account, Long> {

    Optional<Account> findByUsername(String username);

    boolean existsByUsername(String username);

    boolean existsByRole(Role role);

    /**
     * The enabled administrators, locked until the transaction ends: two administrators demoting
     * or disabling each other at the same moment then take turns, and the second sees the first's
     * change, so the newsroom always keeps one.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Account a where a.role = com.bestever.admin.Role.ADMIN and a.enabled = true")
    List<Account> lockEnabledAdmins();

    List<Account> findAllByOrderByUsernameAsc();
}

package com.bestever.admin;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface AccountRepository extends JpaRepository<Account, Long> {

    Optional<Account> findByUsername(String username);

    boolean existsByUsername(String username);

    boolean existsByRole(Role role);

    boolean existsByIdAndEnabledTrue(Long id);

    long countByRoleAndEnabledTrue(Role role);

    List<Account> findAllByOrderByUsernameAsc();
}

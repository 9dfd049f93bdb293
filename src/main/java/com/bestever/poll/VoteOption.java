package com.bestever.poll;

import com.bestever.system.ContentChanged;
import com.bestever.system.ContentChanges;
import com.bestever.system.PublicContent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One answer a reader can give to a poll, with its running count. */
@Entity
@Table(name = "vote_option")
@EntityListeners(ContentChanges.class)
public class VoteOption implements PublicContent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "question_id")
    private VoteQuestion question;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false, length = 200)
    private String label;

    /** The "yes, it's the best ever" option, whose share ranks the film on the leaderboard. */
    @Column(nullable = false)
    private boolean affirmative;

    /** Written by the vote counter in the same transaction as each vote; never by an entity update. */
    @Column(nullable = false, insertable = false, updatable = false)
    private long votes;

    protected VoteOption() {}

    VoteOption(VoteQuestion question, int position, String label, boolean affirmative) {
        this.question = question;
        this.position = position;
        this.label = label;
        this.affirmative = affirmative;
    }

    void moveTo(int position) {
        this.position = position;
    }

    public Long getId() {
        return id;
    }

    public VoteQuestion getQuestion() {
        return question;
    }

    public int getPosition() {
        return position;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public boolean isAffirmative() {
        return affirmative;
    }

    public long getVotes() {
        return votes;
    }

    @Override
    public ContentChanged changed() {
        return question.changed();
    }
}

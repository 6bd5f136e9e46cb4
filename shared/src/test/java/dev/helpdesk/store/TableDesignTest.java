package dev.helpdesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Sentiment;
import dev.helpdesk.domain.SentimentLabel;
import dev.helpdesk.domain.Ticket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TableDesignTest {
    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    @Test
    @DisplayName("R-ASSIGN-7 the sentiment order sorts most upset first: label, then score, then the longest waiting")
    void sentimentOrder() {
        Ticket urgentLate = ticket("urgent-late", T0.plusSeconds(60), new Sentiment(1, SentimentLabel.URGENT));
        Ticket urgentEarly = ticket("urgent-early", T0, new Sentiment(1, SentimentLabel.URGENT));
        Ticket urgentMild = ticket("urgent-mild", T0, new Sentiment(4, SentimentLabel.URGENT));
        Ticket negative = ticket("negative", T0, new Sentiment(0, SentimentLabel.NEGATIVE));
        Ticket neutral = ticket("neutral", T0, new Sentiment(5, SentimentLabel.NEUTRAL));
        Ticket promoter = ticket("promoter", T0, new Sentiment(10, SentimentLabel.PROMOTER));
        Ticket unclassified = ticket("unclassified", T0.minusSeconds(3600), null);
        List<Ticket> shuffled = new ArrayList<>(List.of(promoter, unclassified, neutral, urgentMild, negative, urgentLate, urgentEarly));
        shuffled.sort(Comparator.comparing(TableDesign::sentimentOrder));
        assertEquals(List.of("urgent-early", "urgent-late", "urgent-mild", "negative", "neutral", "promoter", "unclassified"),
                shuffled.stream().map(Ticket::ticketId).toList());
    }

    private static Ticket ticket(String id, Instant createdAt, Sentiment sentiment) {
        Ticket open = Ticket.open(id, 1, "s", Channel.CHAT, "c", null, createdAt);
        return sentiment == null ? open : open.withClassification(sentiment, List.of("other"), createdAt);
    }
}

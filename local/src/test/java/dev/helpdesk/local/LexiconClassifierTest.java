package dev.helpdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The local classifier's rules, one at a time (issue 18). */
class LexiconClassifierTest {
    private static final LexiconClassifier CLASSIFIER = new LexiconClassifier(Lexicon.load());

    private static LexiconClassifier.Reading read(String text) {
        return CLASSIFIER.classify(text);
    }

    @Test
    void theIssuesExampleIsUrgent() {
        LexiconClassifier.Reading r = read("I want a refund NOW, I am disputing the charge");
        assertEquals("Urgent", r.label());
        assertTrue(r.score() <= 2, "an urgent score is low: " + r.score());
        assertTrue(r.cues().stream().anyMatch(c -> c.contains("threat")), r.cues().toString());
        assertTrue(r.topics().contains("refund"), r.topics().toString());
    }

    @Test
    void negationFlipsPraiseAndComplaint() {
        assertEquals("Positive", read("I am happy with it").label());
        assertEquals("Negative", read("I am not happy with it").label());
        assertEquals("Negative", read("No estoy contento con el pedido").label());
        assertEquals("Negative", read("Je ne suis pas satisfait de la commande").label());
        assertEquals("Negative", read("Ich bin mit der Bestellung nicht zufrieden").label());
        assertEquals("Negative", read("Das gefällt mir nicht, die Farbe ist anders").label(), "'nicht' after its word");
        assertEquals("Negative", read("Nie jestem zadowolony z zamówienia").label());
        assertEquals("Negative", read("Não estou satisfeito com a encomenda").label());
        assertEquals("Positive", read("Not bad at all, it came early").label(), "a negated complaint is mild praise");
    }

    @Test
    void negationStaysInItsClause() {
        assertEquals("Positive", read("No problem, the new one works fine").label());
        assertTrue(read("It was not cheap, but the quality is good").valence() > 0);
    }

    @Test
    void intensifiersCapitalsAndExclamationRaiseIntensity() {
        double plain = read("The service was bad").valence();
        assertTrue(read("The service was very bad").valence() < plain, "very");
        assertTrue(read("The service was BAD").valence() < plain, "capitals");
        assertTrue(read("The service was bad!!!").valence() < plain, "exclamation");
        assertTrue(read("The service was a bit bad").valence() > plain, "a bit");
        assertEquals("Neutral", read("I need it now").label());
        assertEquals("Urgent", read("I need it NOW!!").label(), "shouting an urgency cue makes it urgent");
    }

    @Test
    void threatsToLeaveOrDisputeAreUrgent() {
        for (String text : List.of("Refund me by Friday or I will file a chargeback",
                "Cancel my account, I'm done with you",
                "Si no me devolvéis el dinero presentaré una reclamación a mi banco",
                "Sans réponse, je fais opposition auprès de ma banque",
                "Sonst lasse ich die Lastschrift zurückbuchen",
                "Jeśli nie dostanę zwrotu, sprawą zajmie się mój prawnik",
                "Vou contestar a compra no banco")) {
            assertEquals("Urgent", read(text).label(), text);
        }
    }

    @Test
    void urgencyWithoutAngerIsUrgent() {
        assertEquals("Urgent", read("Hi, the heater started smoking when I plugged it in. Is it safe?").label());
        assertEquals("Urgent", read("Our wedding is on Saturday, could you please check as soon as possible?").label());
        assertEquals("Neutral", read("Will it arrive by Saturday?").label(), "one weak cue is not enough");
    }

    @Test
    void thanksIsPositiveAndPraiseIsPromoter() {
        assertEquals("Positive", read("Thank you, the parcel arrived!").label());
        assertEquals("Positive", read("Muchas gracias por la rápida respuesta").label());
        assertEquals("Positive", read("Dziękuję, wszystko w porządku").label());
        assertEquals("Promoter", read("I love this shop, I have recommended you to all my friends!").label());
        assertEquals("Promoter", read("J'adore ce casque, le meilleur que j'ai jamais eu").label());
        assertEquals("Promoter", read("I can't recommend you enough").label(), "an idiom, not a negation");
        assertEquals("Neutral", read("Can you recommend a good cream for dry skin?").label(), "a question, not praise");
    }

    @Test
    void aPoliteComplaintIsNegative() {
        assertEquals("Negative", read("Thanks for the reply, but the replacement has the same fault").label());
        assertEquals("Negative", read("Danke für die Antwort, aber das Gerät ist wieder kaputt").label());
    }

    @Test
    void scoresFollowTheLabels() {
        assertEquals(1, read("Jag blev dubbelt debiterad, det är akut!").score());
        assertEquals(5, read("Do you ship to Norway?").score());
        assertTrue(read("Thanks, great service").score() >= 7);
        assertTrue(read("Absolutely amazing, the best shop ever, I love you!").score() >= 9);
        assertTrue(read("Terrible, awful, broken and late").score() <= 3);
    }

    @Test
    void sameTextSameAnswer() {
        String text = "¡Me habéis cobrado dos veces! Necesito que lo solucionéis HOY, o llamo a mi abogado.";
        assertEquals(read(text), read(text));
        assertEquals(BedrockStandIn.classify(text), BedrockStandIn.classify(text));
        assertEquals(read(text), new LexiconClassifier(Lexicon.load()).classify(text), "a fresh lexicon reads the same");
    }

    @Test
    void foldingIgnoresCaseAndAccents() {
        assertEquals("grosse", Lexicon.fold("Größe"));
        assertEquals("lodz", Lexicon.fold("Łódź"));
        assertEquals(read("Je suis déçue").label(), read("je suis decue").label());
    }
}

package dev.helpdesk.ai;

import dev.helpdesk.domain.Classification;
import dev.helpdesk.domain.Taxonomy;

/** Reads a conversation and classifies it (R-SENT-1). The production implementation calls Bedrock. */
public interface SentimentModel {
    /**
     * One attempt: no retries here (the caller owns the retry budget).
     *
     * @param conversation the customer's words, as data (never instructions)
     * @throws ModelFailure when the model is unavailable, slow, or its answer does not validate
     */
    Reading classify(String conversation, Taxonomy taxonomy);

    /**
     * One attempt that must end within {@code timeLeft} (the caller's budget): a model that would answer later is cut
     * off and fails. Implementations that cannot be cut off ignore it.
     */
    default Reading classify(String conversation, Taxonomy taxonomy, java.time.Duration timeLeft) {
        return classify(conversation, taxonomy);
    }

    /** A validated classification with its provenance and cost. */
    record Reading(Classification classification, String modelId, String promptVersion, int inputTokens,
                   int outputTokens, long latencyMs) {
    }

    class ModelFailure extends RuntimeException {
        public ModelFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

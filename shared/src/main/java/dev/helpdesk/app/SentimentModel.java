package dev.helpdesk.app;

import dev.helpdesk.domain.Classification;
import dev.helpdesk.domain.Taxonomy;

/** Reads a conversation and classifies it. The Bedrock implementation lives with the classify function. */
public interface SentimentModel {
    /**
     * @param conversation the customer's words, as data (never instructions)
     * @throws ModelFailure when the model is unavailable or its answer does not validate
     */
    Classification classify(String conversation, Taxonomy taxonomy);

    class ModelFailure extends RuntimeException {
        public ModelFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

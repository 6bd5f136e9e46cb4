package dev.helpdesk.changes;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import java.util.Map;

/**
 * A stream record's image (the Lambda event model's attribute values) as the AWS SDK v2 item the stores read, by
 * AWS's own transformer: every type (S, N, B, BOOL, NULL, L, M, SS, NS, BS), nested to any depth.
 */
final class StreamImages {
    private StreamImages() {
    }

    /** The item, or null when the record carries no such image (an INSERT's old image, a REMOVE's new one). */
    static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> toItem(Map<String, AttributeValue> image) {
        return image == null ? null : DynamodbAttributeValueTransformer.toAttributeValueMapV2(image);
    }
}

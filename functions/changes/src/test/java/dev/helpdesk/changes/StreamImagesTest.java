package dev.helpdesk.changes;

import static org.junit.jupiter.api.Assertions.*;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

/** A stream image converts to the SDK item the stores read, type for type, nested. */
class StreamImagesTest {
    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyAttributeTypeConvertsToItsSdkCounterpart() {
        Map<String, AttributeValue> image = Map.of(
                "s", new AttributeValue().withS("TICKET#t-1"),
                "n", new AttributeValue().withN("42.5"),
                "b", new AttributeValue().withB(bytes("raw")),
                "bool", new AttributeValue().withBOOL(false),
                "null", new AttributeValue().withNULL(true),
                "ss", new AttributeValue().withSS("a", "b"),
                "ns", new AttributeValue().withNS("1", "2"),
                "bs", new AttributeValue().withBS(bytes("x"), bytes("y")),
                "l", new AttributeValue().withL(new AttributeValue().withS("first"),
                        new AttributeValue().withM(Map.of("deep", new AttributeValue().withN("7")))),
                "m", new AttributeValue().withM(Map.of("inner", new AttributeValue().withL(new AttributeValue().withBOOL(true)),
                        "empty", new AttributeValue().withL(List.of()))));

        var item = StreamImages.toItem(image);

        assertEquals(image.keySet(), item.keySet());
        assertEquals("TICKET#t-1", item.get("s").s());
        assertEquals("42.5", item.get("n").n());
        assertEquals(SdkBytes.fromUtf8String("raw"), item.get("b").b());
        assertFalse(item.get("bool").bool());
        assertTrue(item.get("null").nul());
        assertEquals(List.of("a", "b"), item.get("ss").ss());
        assertEquals(List.of("1", "2"), item.get("ns").ns());
        assertEquals(List.of(SdkBytes.fromUtf8String("x"), SdkBytes.fromUtf8String("y")), item.get("bs").bs());
        assertEquals("first", item.get("l").l().get(0).s());
        assertEquals("7", item.get("l").l().get(1).m().get("deep").n());
        assertTrue(item.get("m").m().get("inner").l().get(0).bool());
        assertTrue(item.get("m").m().get("empty").hasL());
        assertTrue(item.get("m").m().get("empty").l().isEmpty());
    }

    @Test
    void aMissingImageIsNoItem() {
        assertNull(StreamImages.toItem(null));
        assertTrue(StreamImages.toItem(Map.of()).isEmpty());
    }
}

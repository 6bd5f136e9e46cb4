package dev.helpdesk.local;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the intrinsic functions the template uses to what they mean in the local cloud: parameters to
 * their override or default, a table or bus to its local name, pseudo parameters to fixed local values.
 */
final class Intrinsics {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private final Template template;
    private final Map<String, String> parameterOverrides;

    Intrinsics(Template template, Map<String, String> parameterOverrides) {
        this.template = template;
        this.parameterOverrides = parameterOverrides;
    }

    String resolve(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Template.Intrinsic intrinsic) {
            return switch (intrinsic.function()) {
                case "Ref" -> ref(String.valueOf(intrinsic.argument()));
                case "Sub" -> sub(intrinsic.argument());
                case "GetAtt" -> getAtt(intrinsic.argument());
                default -> throw new IllegalArgumentException("!" + intrinsic.function() + " is not supported locally");
            };
        }
        if (value instanceof Map<?, ?> longForm && longForm.size() == 1) {
            Map.Entry<?, ?> entry = longForm.entrySet().iterator().next();
            String key = String.valueOf(entry.getKey());
            if (key.equals("Ref")) {
                return ref(String.valueOf(entry.getValue()));
            }
            if (key.startsWith("Fn::")) {
                return resolve(new Template.Intrinsic(key.substring(4), entry.getValue()));
            }
        }
        return String.valueOf(value);
    }

    private String ref(String name) {
        switch (name) {
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::StackName":
                return "helpdesk-local";
            default:
                break;
        }
        Map<String, Object> parameter = Template.map(template.parameters().get(name));
        if (!parameter.isEmpty() || template.parameters().containsKey(name)) {
            String override = parameterOverrides.get(name);
            return override != null ? override : String.valueOf(parameter.getOrDefault("Default", ""));
        }
        if (template.resources().containsKey(name)) {
            // Ref gives a name for most resources, but an ARN for an SNS topic.
            return "AWS::SNS::Topic".equals(template.resourceType(name))
                    ? "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + physicalName(name) : physicalName(name);
        }
        throw new IllegalArgumentException("!Ref " + name + ": no such parameter or resource");
    }

    /** A resource's local name: its Name/TableName property when the template sets one, else its logical id. */
    String physicalName(String logicalId) {
        Map<String, Object> props = template.properties(logicalId);
        for (String key : List.of("TableName", "Name", "FunctionName", "QueueName", "TopicName", "BucketName")) {
            if (props.containsKey(key)) {
                return resolve(props.get(key));
            }
        }
        return logicalId;
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> list) {
            text = String.valueOf(list.get(0));
            variables = Template.map(list.get(1));
        } else {
            text = String.valueOf(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = variables.containsKey(name) ? resolve(variables.get(name))
                    : name.contains(".") ? getAtt(name) : ref(name);
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String getAtt(Object argument) {
        String path = argument instanceof List<?> list ? list.get(0) + "." + list.get(1) : String.valueOf(argument);
        String logicalId = path.substring(0, path.indexOf('.'));
        String type = template.resourceType(logicalId);
        String name = physicalName(logicalId);
        return switch (type == null ? "" : type) {
            case "AWS::DynamoDB::Table" -> "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + name;
            case "AWS::Events::EventBus" -> "arn:aws:events:" + REGION + ":" + ACCOUNT + ":event-bus/" + name;
            default -> "arn:aws:local:" + REGION + ":" + ACCOUNT + ":" + name;
        };
    }
}

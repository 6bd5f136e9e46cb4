package dev.helpdesk.local;

import java.nio.file.Path;
import java.util.Map;

/** The command line of R-LOCAL-CLI, plus --template and --no-schedules. */
final class Cli {
    static final String USAGE = "usage: java -jar local/target/helpdesk-local.jar [--port 3000] [--in-memory | --data DIR] "
            + "[--demo] [--template template.yaml] [--no-schedules] [--hosted-sign-in]";

    private Cli() {
    }

    static LocalCloud.Options parse(String[] args) {
        int port = 3000;
        Path data = null;
        boolean inMemory = false;
        boolean demo = false;
        boolean schedules = true;
        Path template = null;
        boolean hostedSignIn = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--in-memory" -> inMemory = true;
                case "--demo" -> demo = true;
                case "--no-schedules" -> schedules = false;
                // The console signs in as in AWS (Cognito hosted UI, code + PKCE), through the local stand-in.
                case "--hosted-sign-in" -> hostedSignIn = true;
                case "--template" -> template = Path.of(value(args, ++i, "--template"));
                case "--help", "-h" -> throw new IllegalArgumentException("Helpdesk local cloud");
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (inMemory && data != null) {
            throw new IllegalArgumentException("--in-memory and --data exclude each other");
        }
        return new LocalCloud.Options(port, data, demo, schedules, template, Map.of(), hostedSignIn);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}

package id.pahlawanpangan.cli;

import id.pahlawanpangan.access.AccessDirectory;
import id.pahlawanpangan.access.Member;
import id.pahlawanpangan.access.NatsPermissions;
import id.pahlawanpangan.access.Role;
import id.pahlawanpangan.live.Subjects;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** NATS users: who may publish and read what, without editing nats-server's files by hand. */
@Command(name = "access", mixinStandardHelpOptions = true,
        description = "Manages the NATS users (NKeys) and their permissions: writes auth.conf for nats-server (docs/SECURITY.md).",
        subcommands = {AccessCommand.Init.class, AccessCommand.Add.class, AccessCommand.Remove.class, AccessCommand.ListMembers.class})
final class AccessCommand {
    static final class Where {
        @Option(names = "--dir", defaultValue = "nats", description = "The directory of nats-server.conf, auth.conf and members.tsv (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Option(names = "--reload", description = "Make the running nats-server reload its configuration (nats-server --signal reload).")
        boolean reload;

        @Option(names = "--server-pid", description = "With --reload: the nats-server process, when several run.")
        Long serverPid;

        void reloadIfAsked() throws Exception {
            if (!reload) {
                System.out.println("access: reload nats-server for this to take effect (nats-server --signal reload, or --reload)");
                return;
            }
            List<String> command = new ArrayList<>(List.of("nats-server", "--signal", serverPid == null ? "reload" : "reload=" + serverPid));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes()).strip();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("nats-server did not reload: " + output);
            }
            System.out.println("access: nats-server reloaded");
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Starts a deployment's users: an admin and the job, each with a new NKey.")
    static final class Init implements Callable<Integer> {
        @Mixin
        Where where = new Where();

        @Option(names = "--namespace", defaultValue = Subjects.DEFAULT_NAMESPACE, description = "Subject root and stream prefix (default: ${DEFAULT-VALUE}).")
        String namespace;

        @Override
        public Integer call() throws Exception {
            AccessDirectory access = AccessDirectory.create(where.dir, new Subjects(namespace));
            System.out.printf("access: %s written for namespace %s%n", where.dir.resolve(AccessDirectory.AUTH_CONFIG), namespace);
            System.out.printf("access: admin seed %s (for pangan streams and operators; PANGAN_NATS_NKEY_SEED_FILE)%n",
                    where.dir.resolve(AccessDirectory.SEEDS).resolve("admin-admin.nk"));
            System.out.printf("access: job seed %s (the job's PANGAN_NATS_NKEY_SEED_FILE)%n",
                    where.dir.resolve(AccessDirectory.SEEDS).resolve("job-job.nk"));
            where.reloadIfAsked();
            return 0;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a provider, an NGO, a dispatcher or an admin.")
    static final class Add implements Callable<Integer> {
        @Mixin
        Where where = new Where();

        @Option(names = "--role", required = true, description = "provider, ngo, dispatcher, gateway or admin.")
        String role;

        @Option(names = "--id", required = true, description = "The provider's or NGO's id of the contract (any name for a dispatcher or admin).")
        String id;

        @Option(names = "--public-key", description = "The member's own NKey public key (U...): its seed never leaves its app. Without it, a key pair is made here.")
        String publicKey;

        @Override
        public Integer call() throws Exception {
            Role r = Role.of(role);
            if (r == Role.JOB) {
                throw new IllegalArgumentException("the job user is made by `access init`");
            }
            AccessDirectory access = AccessDirectory.open(where.dir);
            Member member;
            if (publicKey != null) {
                access.add(new Member(r, id, publicKey));
                member = access.find(r, id).orElseThrow();
                System.out.printf("access: added %s with its own key%n", member);
            } else {
                Path seed = access.addWithNewKey(r, id);
                member = access.find(r, id).orElseThrow();
                System.out.printf("access: added %s; its seed is %s: give it to its app only%n", member, seed);
            }
            System.out.printf("access: its app must use the inbox prefix %s%n", NatsPermissions.inboxPrefix(member));
            where.reloadIfAsked();
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a member: it can no longer connect once nats-server reloads.")
    static final class Remove implements Callable<Integer> {
        @Mixin
        Where where = new Where();

        @Option(names = "--role", required = true)
        String role;

        @Option(names = "--id", required = true)
        String id;

        @Override
        public Integer call() throws Exception {
            if (!AccessDirectory.open(where.dir).remove(Role.of(role), id)) {
                System.err.printf("access: no %s %s%n", role, id);
                return 1;
            }
            System.out.printf("access: removed %s %s%n", role, id);
            where.reloadIfAsked();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the members and what each may publish and read.")
    static final class ListMembers implements Callable<Integer> {
        @Option(names = "--dir", defaultValue = "nats", description = "The directory of members.tsv (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            AccessDirectory access = AccessDirectory.open(dir);
            for (Member m : access.members()) {
                NatsPermissions p = NatsPermissions.of(m, access.subjects());
                System.out.printf("%-10s %-24s publish %s; subscribe %s%n", m.role.wireName(), m.id, p.publish, p.subscribe);
            }
            return 0;
        }
    }
}

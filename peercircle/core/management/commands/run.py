import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from peercircle.core.serve import BalancedMultiprocess, balancing_available


class Command(BaseCommand):
    help = "Migrate, load demo data into an empty database, and serve PeerCircle with uvicorn (ASGI)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "1")))
        parser.add_argument(
            "--demo", action="store_true",
            help="On an empty database, build the demo network first (its accounts have a published "
                 "password: never on a real install).",
        )
        parser.add_argument("--reload", action="store_true", help="Restart on code changes (development).")

    def handle(self, *args, host, port, workers, demo, reload, **options):
        import uvicorn
        from django.contrib.auth import get_user_model

        call_command("migrate", interactive=False, verbosity=0)
        if not get_user_model().objects.exists():
            if demo:
                self.stdout.write("Empty database: building the demo network (under a minute)…")
                call_command("demo")
            else:
                self.stdout.write(self.style.WARNING(
                    "No accounts yet. Create the first administrator with: peercircle createsuperuser"))
        if settings.PEERCIRCLE_CLOCK:
            # Reminders go out on a clock. One per `run`; with several web processes, set
            # PEERCIRCLE_CLOCK=off on them and run `peercircle clock` once (two are harmless).
            from peercircle.notifications.clock import start_in_thread

            start_in_thread()
        self.stdout.write(self.style.SUCCESS(f"PeerCircle is at http://{host}:{port}/  (Ctrl+C stops it)"))
        if workers > 1 and not settings.REDIS_URL:
            self.stdout.write(self.style.WARNING(
                "Several workers without REDIS_URL: each keeps its own cache, so rate limits count per worker "
                "and a new version of the terms reaches the others within 5 minutes. Set REDIS_URL to share "
                "one (docs/operators.md)."))
        options = {"host": host, "port": port, "log_level": "info", "proxy_headers": True, "lifespan": "off"}
        if not reload and balancing_available(workers):
            # Each worker on a socket of its own, so connections are spread evenly (core/serve.py).
            BalancedMultiprocess(uvicorn.Config("config.asgi:application", workers=workers, **options)).run()
            return
        uvicorn.run("config.asgi:application", workers=workers if not reload else 1, reload=reload, **options)

from django.core.management.base import BaseCommand

from peercircle.notifications import clock


class Command(BaseCommand):
    help = ("Enqueue the reminder dispatchers every minute (meeting reminders; unanswered match proposals "
            "every 15 minutes; listing confirmations hourly). Run one clock; a second one by mistake sends "
            "nothing twice.")

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Enqueue every dispatcher once and stop.")

    def handle(self, *args, once, **options):
        if once:
            results = clock.tick(0)
            for result in results:
                self.stdout.write(f"{result.task.name}: {str(result.status).lower()}")
            return
        self.stdout.write("The clock is running (Ctrl+C stops it).")
        try:
            clock.run()
        except KeyboardInterrupt:
            self.stdout.write("The clock stopped.")

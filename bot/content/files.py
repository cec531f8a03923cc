"""The names of the data files, in the order an organiser reads them and problems are listed."""

from __future__ import annotations

EVENT_FILE = "event.yaml"
PROGRAMME_FILE = "programme.yaml"
DELEGATIONS_FILE = "delegations.yaml"
PEOPLE_FILE = "people.yaml"
PRESS_FILE = "press.yaml"

FILE_ORDER = {
    name: position
    for position, name in enumerate(
        (EVENT_FILE, PROGRAMME_FILE, DELEGATIONS_FILE, PEOPLE_FILE, PRESS_FILE)
    )
}

"""Brücke: the Flask application factory."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the application; ``config`` overrides environment and defaults (tests use it)."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(
            (config or {}).get("INSTANCE_PATH")
            or os.environ.get("BRUECKE_INSTANCE_PATH")
            or ROOT / "instance"
        ),
    )
    register_config(app, config)
    register_observability(app)
    register_proxy(app)
    register_models()
    register_extensions(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_security_headers(app)
    register_template_context(app)
    register_commands(app)
    return app


def register_config(app: Flask, config: dict[str, Any] | None) -> None:
    from app.config import build_config

    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(build_config(app.instance_path, config))


def register_observability(app: Flask) -> None:
    from app.core.observability import register

    register(app)


def register_proxy(app: Flask) -> None:
    """Behind ``PROXY_HOPS`` reverse proxies, take the client's address and scheme from them.

    Without it every client behind the proxy has the proxy's address (one shared rate limit).
    The Host header is not taken from the proxy: links in mail use PUBLIC_URL anyway.
    """
    hops = int(app.config["PROXY_HOPS"])
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]


def register_models() -> None:
    """Import every domain's models so that the metadata (and Alembic) sees all tables."""
    import app.accounts.models
    import app.accounts.second_factor.models
    import app.casefile.models
    import app.core.outbox
    import app.evidence.models
    import app.knowledge.models
    import app.matches.models
    import app.offers.models
    import app.privacy.models
    import app.profiles.models  # noqa: F401


def register_extensions(app: Flask) -> None:
    from app.accounts.session import load_user_from_cookie
    from app.celery import celery_init_app
    from app.core.i18n import select_locale
    from app.extensions import babel, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(ROOT / "app" / "translations"),
    )
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message_category = "info"
    login_manager.user_loader(load_user_from_cookie)
    celery_init_app(app)


def register_blueprints(app: Flask) -> None:
    from app.accounts.routes import bp as accounts_bp
    from app.accounts.second_factor.routes import bp as second_factor_bp
    from app.admin.routes import bp as admin_bp
    from app.casefile.routes import bp as casefile_bp
    from app.evidence.routes import bp as evidence_bp
    from app.knowledge.routes import bp as knowledge_bp
    from app.legal.routes import bp as legal_bp
    from app.main.routes import bp as main_bp
    from app.matches.routes import bp as matches_bp
    from app.offers.routes import bp as offers_bp
    from app.privacy.routes import bp as privacy_bp
    from app.profiles.routes import bp as profiles_bp

    blueprints = (
        main_bp,
        legal_bp,
        accounts_bp,
        second_factor_bp,
        profiles_bp,
        casefile_bp,
        offers_bp,
        matches_bp,
        knowledge_bp,
        evidence_bp,
        privacy_bp,
        admin_bp,
    )
    for blueprint in blueprints:
        app.register_blueprint(blueprint)


def register_error_handlers(app: Flask) -> None:
    from app.core.errors import register

    register(app)


def register_security_headers(app: Flask) -> None:
    from app.core.security_headers import register

    register(app)


def register_template_context(app: Flask) -> None:
    from app.core.templating import register

    register(app)


def register_commands(app: Flask) -> None:
    from app.core.commands import mail_flush_command
    from app.demo.commands import demo_code_command, seed_demo_command
    from app.evidence.commands import count_needs_command

    app.cli.add_command(seed_demo_command)
    app.cli.add_command(demo_code_command)
    app.cli.add_command(mail_flush_command)
    app.cli.add_command(count_needs_command)

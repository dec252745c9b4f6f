use atbalsts_domain::{Channel, Email, Priority, Role, Summary, TicketKey, Viewer};
use atbalsts_store::tickets::{create_ticket, ticket_for, NewTicket, Ticket};
use atbalsts_store::users::{create_user, grant_role, viewer_by_id, NewUser};
use atbalsts_store::{defaults, desks, institutions, workflows, Db};

pub const PASSWORD: &str = "parole-testam-1";

/// One desk (`KISC`), two institutions (A with a sub-unit, B), an agent,
/// two customers of A (one of whom sees A's tickets), one of B.
#[derive(Clone)]
pub struct World {
    pub desk_id: i64,
    pub incident_type: i64,
    pub team_id: i64,
    pub institution_a: i64,
    pub institution_b: i64,
    /// The sub-unit "Gaismas pils" of institution A.
    pub sub_unit_a: i64,
    pub agent: Viewer,
    /// Administers the desk (its catalogue); admin@kisc.lv.
    pub desk_admin: Viewer,
    pub customer_a: Viewer,
    pub head_of_a: Viewer,
    pub customer_b: Viewer,
}

impl World {
    pub async fn seed(db: &Db) -> Self {
        let desk_id = desks::create_desk(db, "KISC", "KISC").await.unwrap();
        defaults::install_standard_ticket_types(db, desk_id)
            .await
            .unwrap();
        let team_id = desks::create_team(db, desk_id, "IKT atbalsta nodaļa")
            .await
            .unwrap();
        let institution_a = institutions::create_institution(
            db,
            "LNB",
            "Latvijas Nacionālā bibliotēka",
            &["lnb.lv"],
        )
        .await
        .unwrap();
        let sub_unit_a = institutions::create_sub_unit(
            db,
            institution_a,
            "Gaismas pils",
            "Rīga",
            "Mūkusalas iela 3",
        )
        .await
        .unwrap();
        let institution_b = institutions::create_institution(
            db,
            "LNMM",
            "Latvijas Nacionālais mākslas muzejs",
            &[],
        )
        .await
        .unwrap();
        let hash = atbalsts_web::passwords::hash(PASSWORD);
        let person = |email: &str, name: &str, inst: Option<i64>, sees: bool| {
            let mut n = NewUser::new(Email::parse(email).unwrap(), name);
            n.password_hash = Some(hash.clone());
            n.institution_id = inst;
            n.sees_institution_tickets = sees;
            n
        };
        let agent = create_user(db, &person("agents@kisc.lv", "Andris Kalniņš", None, false))
            .await
            .unwrap();
        grant_role(db, desk_id, agent, Role::Agent).await.unwrap();
        desks::add_team_member(db, team_id, agent).await.unwrap();
        let desk_admin = create_user(db, &person("admin@kisc.lv", "Dace Admine", None, false))
            .await
            .unwrap();
        grant_role(db, desk_id, desk_admin, Role::DeskAdmin)
            .await
            .unwrap();
        let customer_a = create_user(
            db,
            &person("janis@lnb.lv", "Jānis Bērziņš", Some(institution_a), false),
        )
        .await
        .unwrap();
        let head_of_a = create_user(
            db,
            &person(
                "vaditaja@lnb.lv",
                "Inese Kļaviņa",
                Some(institution_a),
                true,
            ),
        )
        .await
        .unwrap();
        let customer_b = create_user(
            db,
            &person("anna@lnmm.lv", "Anna Ozola", Some(institution_b), false),
        )
        .await
        .unwrap();
        for c in [customer_a, head_of_a, customer_b] {
            grant_role(db, desk_id, c, Role::Customer).await.unwrap();
        }
        let incident_type = workflows::ticket_type_by_code(db, desk_id, "incident")
            .await
            .unwrap()
            .unwrap()
            .id;
        let v = |id| async move { viewer_by_id(db, id).await.unwrap().unwrap().1 };
        World {
            desk_id,
            incident_type,
            team_id,
            institution_a,
            institution_b,
            sub_unit_a,
            agent: v(agent).await,
            desk_admin: v(desk_admin).await,
            customer_a: v(customer_a).await,
            head_of_a: v(head_of_a).await,
            customer_b: v(customer_b).await,
        }
    }

    pub fn new_ticket(&self, requester: &Viewer, summary: &str) -> NewTicket {
        NewTicket::new(
            self.desk_id,
            self.incident_type,
            Summary::parse(summary).unwrap(),
            "Apraksts".into(),
            requester.user_id,
            Channel::Portal,
            Priority::Medium,
        )
    }

    /// A ticket filed by `requester` for themselves.
    pub async fn file(&self, db: &Db, requester: &Viewer, summary: &str) -> TicketKey {
        create_ticket(db, requester, &self.new_ticket(requester, summary))
            .await
            .unwrap()
    }

    /// The ticket with `key`, as the desk's agent sees it (all of it).
    pub async fn ticket(&self, db: &Db, key: &TicketKey) -> Ticket {
        ticket_for(db, &self.agent, key)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("ticket {key}"))
    }

    /// A ticket filed by `requester` for themselves, read back: a desk, its
    /// agent, a customer and their ticket in one call.
    pub async fn filed(&self, db: &Db, requester: &Viewer, summary: &str) -> Ticket {
        let key = self.file(db, requester, summary).await;
        self.ticket(db, &key).await
    }
}

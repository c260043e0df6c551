BEGIN TRANSACTION;
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO "alembic_version" VALUES('0003');
CREATE TABLE applied_changes (
	change_id CHAR(32) NOT NULL, 
	applied_at VARCHAR(32) NOT NULL, 
	CONSTRAINT pk_applied_changes PRIMARY KEY (change_id)
);
CREATE TABLE budget_amounts (
	line_id CHAR(32) NOT NULL, 
	year INTEGER NOT NULL, 
	stage_id CHAR(32) NOT NULL, 
	credit_type_id CHAR(32) NOT NULL, 
	amount INTEGER, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_budget_amounts PRIMARY KEY (id), 
	CONSTRAINT fk_budget_amounts_credit_type_id_credit_types FOREIGN KEY(credit_type_id) REFERENCES credit_types (id), 
	CONSTRAINT fk_budget_amounts_line_id_budget_lines FOREIGN KEY(line_id) REFERENCES budget_lines (id), 
	CONSTRAINT fk_budget_amounts_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id), 
	CONSTRAINT fk_budget_amounts_stage_id_budget_stages FOREIGN KEY(stage_id) REFERENCES budget_stages (id)
);
INSERT INTO "budget_amounts" VALUES('2c055a7c1d7f44219672ba35d3ebab9a',2025,'dd7896e6733753cfa99df3ab9fa0494c','b7afb1af6bb05472abfacfdd497aca85',1234567,'12775d5973c14d5b8c7ccf26556335ab','a678805225135d4394719b1d09c72653',1,117745842599428096,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "budget_amounts" VALUES('b6f745226a52453884acadcb55195b94',2025,'38ceb7ecc2fb57a1a2e8fc44ea39062e','6f3422ab09875da49422724e4847d83e',1234567,'bacd060d624c481e93cb740122ece0c9','d522e8a928f259a0ac0c125535598962',1,117745842607554560,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE budget_line_objectives (
	line_id CHAR(32) NOT NULL, 
	objective_id CHAR(32) NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_budget_line_objectives PRIMARY KEY (id), 
	CONSTRAINT fk_budget_line_objectives_line_id_budget_lines FOREIGN KEY(line_id) REFERENCES budget_lines (id), 
	CONSTRAINT fk_budget_line_objectives_objective_id_objectives FOREIGN KEY(objective_id) REFERENCES objectives (id), 
	CONSTRAINT fk_budget_line_objectives_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id)
);
INSERT INTO "budget_line_objectives" VALUES('2c055a7c1d7f44219672ba35d3ebab9a','b0f95f5d3d8948469aaa12edcf7bde1c','12775d5973c14d5b8c7ccf26556335ab','69a0f5a8fef05781bd8ed7b6c421f9e2',1,117745842599755776,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "budget_line_objectives" VALUES('b6f745226a52453884acadcb55195b94','ce91a917da784c3d89823d9434978315','bacd060d624c481e93cb740122ece0c9','ed2736999e5b527a87fe25d2d30af62c',1,117745842607751168,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE budget_lines (
	parent_id CHAR(32), 
	position INTEGER NOT NULL, 
	code VARCHAR(32) NOT NULL, 
	title TEXT NOT NULL, 
	allow_negative BOOLEAN NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_budget_lines PRIMARY KEY (id), 
	CONSTRAINT fk_budget_lines_parent_id_budget_lines FOREIGN KEY(parent_id) REFERENCES budget_lines (id), 
	CONSTRAINT fk_budget_lines_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id)
);
INSERT INTO "budget_lines" VALUES(NULL,0,'','{"nl": "Werking"}',0,'12775d5973c14d5b8c7ccf26556335ab','2c055a7c1d7f44219672ba35d3ebab9a',1,117745842599231488,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "budget_lines" VALUES(NULL,0,'','{"nl": "Werking"}',0,'bacd060d624c481e93cb740122ece0c9','b6f745226a52453884acadcb55195b94',1,117745842607357952,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE budget_stages (
	position INTEGER NOT NULL, 
	code VARCHAR(16) NOT NULL, 
	name TEXT NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_budget_stages PRIMARY KEY (id), 
	CONSTRAINT fk_budget_stages_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id)
);
INSERT INTO "budget_stages" VALUES(0,'INI','{}','12775d5973c14d5b8c7ccf26556335ab','dd7896e6733753cfa99df3ab9fa0494c',1,117745842598576128,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "budget_stages" VALUES(0,'INI','{}','bacd060d624c481e93cb740122ece0c9','38ceb7ecc2fb57a1a2e8fc44ea39062e',1,117745842607030272,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE change_log (
	seq INTEGER NOT NULL, 
	change_id CHAR(32) NOT NULL, 
	at VARCHAR(32) NOT NULL, 
	user VARCHAR(200) NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	hlc BIGINT NOT NULL, 
	plan_id CHAR(32), 
	table_name VARCHAR(64) NOT NULL, 
	row_id CHAR(32) NOT NULL, 
	op VARCHAR(8) NOT NULL, 
	field VARCHAR(64) NOT NULL, 
	old TEXT, 
	new TEXT, origin_site VARCHAR(32), 
	CONSTRAINT pk_change_log PRIMARY KEY (seq), 
	CONSTRAINT uq_change_log_change_id UNIQUE (change_id)
);
CREATE TABLE communication_rows (
	section_id CHAR(32) NOT NULL, 
	position INTEGER NOT NULL, 
	goal TEXT NOT NULL, 
	audience TEXT NOT NULL, 
	date_text TEXT NOT NULL, 
	message TEXT NOT NULL, 
	channel TEXT NOT NULL, 
	material TEXT NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_communication_rows PRIMARY KEY (id), 
	CONSTRAINT fk_communication_rows_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id), 
	CONSTRAINT fk_communication_rows_section_id_plan_sections FOREIGN KEY(section_id) REFERENCES plan_sections (id)
);
INSERT INTO "communication_rows" VALUES('62952129bde6486a90ba677c5e3f460d',0,'{"nl": "Intern"}','{"nl": "Personeel"}','{}','{}','{}','{}','12775d5973c14d5b8c7ccf26556335ab','79303f54944d4212893c83858c0f6164',1,117745842597920768,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "communication_rows" VALUES('879883bd93384730beef9690e1c5a4c3',0,'{"nl": "Intern"}','{"nl": "Personeel"}','{}','{}','{}','{}','bacd060d624c481e93cb740122ece0c9','2502edba64b14a40b78b0a8a2d308d10',1,117745842606702592,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE credit_types (
	position INTEGER NOT NULL, 
	code VARCHAR(16) NOT NULL, 
	name TEXT NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_credit_types PRIMARY KEY (id), 
	CONSTRAINT fk_credit_types_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id)
);
INSERT INTO "credit_types" VALUES(0,'VL','{}','12775d5973c14d5b8c7ccf26556335ab','b7afb1af6bb05472abfacfdd497aca85',1,117745842598903808,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "credit_types" VALUES(0,'VL','{}','bacd060d624c481e93cb740122ece0c9','6f3422ab09875da49422724e4847d83e',1,117745842607226880,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE diversity_actions (
	objective_id CHAR(32) NOT NULL, 
	position INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	owner VARCHAR(200) NOT NULL, 
	due VARCHAR(64) NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_diversity_actions PRIMARY KEY (id), 
	CONSTRAINT fk_diversity_actions_objective_id_diversity_objectives FOREIGN KEY(objective_id) REFERENCES diversity_objectives (id), 
	CONSTRAINT fk_diversity_actions_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id)
);
INSERT INTO "diversity_actions" VALUES('1fcb2b7620954eb7a83ffd7b2bd3f93f',0,'{"nl": "Actie"}','','','12775d5973c14d5b8c7ccf26556335ab','7f247f77d7474046b47365e136baba25',1,117745842603098112,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "diversity_actions" VALUES('5090f55818484ded9759a54ed8c7ca38',0,'{"nl": "Actie"}','','','bacd060d624c481e93cb740122ece0c9','9605078b62ca492788bd0cbbb05c9412',1,117745842609324032,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE diversity_bottlenecks (
	text TEXT NOT NULL, 
	diversity_plan_id CHAR(32) NOT NULL, 
	position INTEGER NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_diversity_bottlenecks PRIMARY KEY (id), 
	CONSTRAINT fk_diversity_bottlenecks_diversity_plan_id_diversity_plans FOREIGN KEY(diversity_plan_id) REFERENCES diversity_plans (id), 
	CONSTRAINT fk_diversity_bottlenecks_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id)
);
INSERT INTO "diversity_bottlenecks" VALUES('{"nl": "Knelpunt"}','b83a87021f9951af84da725d0728b378',0,'12775d5973c14d5b8c7ccf26556335ab','de005eb035dd4901b08eaa74f68bbd10',1,117745842601132032,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "diversity_bottlenecks" VALUES('{"nl": "Knelpunt"}','f927fdea7c485d56a6229e41c500a6f0',0,'bacd060d624c481e93cb740122ece0c9','6eabd06400ee4e57a3cb9dafe02ff692',1,117745842608537600,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE diversity_indicator_values (
	indicator_id CHAR(32) NOT NULL, 
	year INTEGER NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	value VARCHAR(64), 
	numerator INTEGER, 
	denominator INTEGER, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_diversity_indicator_values PRIMARY KEY (id), 
	CONSTRAINT fk_diversity_indicator_values_indicator_id_diversity_indicators FOREIGN KEY(indicator_id) REFERENCES diversity_indicators (id), 
	CONSTRAINT fk_diversity_indicator_values_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id)
);
INSERT INTO "diversity_indicator_values" VALUES('beb42fdef8ea43738a98b83063165d8a',2025,'baseline','4.2',NULL,NULL,'12775d5973c14d5b8c7ccf26556335ab','aff23cb976ea52a8b69b2f31218acf68',1,117745842603819008,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "diversity_indicator_values" VALUES('f15255ac40684166b43ee634d8bb46d6',2025,'baseline','4.2',NULL,NULL,'bacd060d624c481e93cb740122ece0c9','09dcc2458a8b5f96a61f561ef9b9bd32',1,117745842609651712,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE diversity_indicators (
	name TEXT NOT NULL, 
	unit VARCHAR(32) NOT NULL, 
	source TEXT NOT NULL, 
	reliability TEXT NOT NULL, 
	diversity_plan_id CHAR(32) NOT NULL, 
	position INTEGER NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_diversity_indicators PRIMARY KEY (id), 
	CONSTRAINT fk_diversity_indicators_diversity_plan_id_diversity_plans FOREIGN KEY(diversity_plan_id) REFERENCES diversity_plans (id), 
	CONSTRAINT fk_diversity_indicators_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id)
);
INSERT INTO "diversity_indicators" VALUES('{"nl": "Aandeel"}','percent','{}','{}','b83a87021f9951af84da725d0728b378',0,'12775d5973c14d5b8c7ccf26556335ab','beb42fdef8ea43738a98b83063165d8a',1,117745842603425792,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "diversity_indicators" VALUES('{"nl": "Aandeel"}','percent','{}','{}','f927fdea7c485d56a6229e41c500a6f0',0,'bacd060d624c481e93cb740122ece0c9','f15255ac40684166b43ee634d8bb46d6',1,117745842609455104,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE diversity_objective_pillars (
	objective_id CHAR(32) NOT NULL, 
	pillar_id CHAR(32) NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_diversity_objective_pillars PRIMARY KEY (id), 
	CONSTRAINT fk_diversity_objective_pillars_objective_id_diversity_objectives FOREIGN KEY(objective_id) REFERENCES diversity_objectives (id), 
	CONSTRAINT fk_diversity_objective_pillars_pillar_id_diversity_pillars FOREIGN KEY(pillar_id) REFERENCES diversity_pillars (id), 
	CONSTRAINT fk_diversity_objective_pillars_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id)
);
INSERT INTO "diversity_objective_pillars" VALUES('1fcb2b7620954eb7a83ffd7b2bd3f93f','ff160c9b6e864627b8843ebe02555720','12775d5973c14d5b8c7ccf26556335ab','689c9b78f27f5636a8d6e4755501890a',1,117745842602770432,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "diversity_objective_pillars" VALUES('5090f55818484ded9759a54ed8c7ca38','dbccb88750264638bb49fb1fae5c2ce6','bacd060d624c481e93cb740122ece0c9','497dc306124655768ea5c4bbb12032f7',1,117745842609127424,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE diversity_objectives (
	title TEXT NOT NULL, 
	text TEXT NOT NULL, 
	diversity_plan_id CHAR(32) NOT NULL, 
	position INTEGER NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_diversity_objectives PRIMARY KEY (id), 
	CONSTRAINT fk_diversity_objectives_diversity_plan_id_diversity_plans FOREIGN KEY(diversity_plan_id) REFERENCES diversity_plans (id), 
	CONSTRAINT fk_diversity_objectives_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id)
);
INSERT INTO "diversity_objectives" VALUES('{"nl": "Doel"}','{"nl": "Tekst"}','b83a87021f9951af84da725d0728b378',0,'12775d5973c14d5b8c7ccf26556335ab','1fcb2b7620954eb7a83ffd7b2bd3f93f',1,117745842601984000,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "diversity_objectives" VALUES('{"nl": "Doel"}','{"nl": "Tekst"}','f927fdea7c485d56a6229e41c500a6f0',0,'bacd060d624c481e93cb740122ece0c9','5090f55818484ded9759a54ed8c7ca38',1,117745842608930816,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE diversity_pillars (
	title TEXT NOT NULL, 
	description TEXT NOT NULL, 
	diversity_plan_id CHAR(32) NOT NULL, 
	position INTEGER NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_diversity_pillars PRIMARY KEY (id), 
	CONSTRAINT fk_diversity_pillars_diversity_plan_id_diversity_plans FOREIGN KEY(diversity_plan_id) REFERENCES diversity_plans (id), 
	CONSTRAINT fk_diversity_pillars_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id)
);
INSERT INTO "diversity_pillars" VALUES('{"nl": "Gender"}','{}','b83a87021f9951af84da725d0728b378',0,'12775d5973c14d5b8c7ccf26556335ab','ff160c9b6e864627b8843ebe02555720',1,117745842600804352,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "diversity_pillars" VALUES('{"nl": "Gender"}','{}','f927fdea7c485d56a6229e41c500a6f0',0,'bacd060d624c481e93cb740122ece0c9','dbccb88750264638bb49fb1fae5c2ce6',1,117745842608406528,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE diversity_plans (
	year INTEGER NOT NULL, 
	contact_name VARCHAR(200) NOT NULL, 
	contact_role TEXT NOT NULL, 
	contact_phone VARCHAR(64) NOT NULL, 
	contact_email VARCHAR(200) NOT NULL, 
	introduction TEXT NOT NULL, 
	mission TEXT NOT NULL, 
	top_priority TEXT NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_diversity_plans PRIMARY KEY (id), 
	CONSTRAINT fk_diversity_plans_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id)
);
INSERT INTO "diversity_plans" VALUES(2025,'','{"nl": "HR"}','','','{}','{"nl": "Missie"}','{}','12775d5973c14d5b8c7ccf26556335ab','b83a87021f9951af84da725d0728b378',2,117745842600542208,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "diversity_plans" VALUES(2025,'','{"nl": "HR"}','','','{}','{"nl": "Missie"}','{}','bacd060d624c481e93cb740122ece0c9','f927fdea7c485d56a6229e41c500a6f0',2,117745842608209920,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE diversity_priorities (
	text TEXT NOT NULL, 
	diversity_plan_id CHAR(32) NOT NULL, 
	position INTEGER NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_diversity_priorities PRIMARY KEY (id), 
	CONSTRAINT fk_diversity_priorities_diversity_plan_id_diversity_plans FOREIGN KEY(diversity_plan_id) REFERENCES diversity_plans (id), 
	CONSTRAINT fk_diversity_priorities_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id)
);
INSERT INTO "diversity_priorities" VALUES('{"nl": "Prioriteit"}','b83a87021f9951af84da725d0728b378',0,'12775d5973c14d5b8c7ccf26556335ab','f3f312c28bba4af798322159fbd96e6d',1,117745842601459712,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "diversity_priorities" VALUES('{"nl": "Prioriteit"}','f927fdea7c485d56a6229e41c500a6f0',0,'bacd060d624c481e93cb740122ece0c9','b16e139407924c668e64fd78ae014b9d',1,117745842608734208,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE exchange_peers (
	id INTEGER NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	role VARCHAR(8) NOT NULL, 
	unit_id CHAR(32), 
	sign_key VARCHAR(64) NOT NULL, 
	box_key VARCHAR(64) NOT NULL, 
	enrolled_at VARCHAR(32) NOT NULL, 
	received_seq INTEGER NOT NULL, 
	acked_seq INTEGER NOT NULL, 
	CONSTRAINT pk_exchange_peers PRIMARY KEY (id), 
	CONSTRAINT uq_exchange_peers_plan_id UNIQUE (plan_id, site_id)
);
CREATE TABLE indicator_values (
	indicator_id CHAR(32) NOT NULL, 
	year INTEGER NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	value VARCHAR(64), 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_indicator_values PRIMARY KEY (id), 
	CONSTRAINT fk_indicator_values_indicator_id_indicators FOREIGN KEY(indicator_id) REFERENCES indicators (id), 
	CONSTRAINT fk_indicator_values_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id)
);
INSERT INTO "indicator_values" VALUES('2c8dd18e849345e49ef31e18f520d6be',2025,'target','4.25','12775d5973c14d5b8c7ccf26556335ab','35ce6d858cac5b39bf830beeadcda6ff',1,117745842596741120,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "indicator_values" VALUES('fe05e075e2fc4330a28b6acbc39193ba',2025,'target','4.25','bacd060d624c481e93cb740122ece0c9','1a989765302853cb8fb640419b3e53cd',1,117745842606047232,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE indicators (
	objective_id CHAR(32) NOT NULL, 
	position INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	unit_of_measure VARCHAR(64) NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_indicators PRIMARY KEY (id), 
	CONSTRAINT fk_indicators_objective_id_objectives FOREIGN KEY(objective_id) REFERENCES objectives (id), 
	CONSTRAINT fk_indicators_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id)
);
INSERT INTO "indicators" VALUES('b0f95f5d3d8948469aaa12edcf7bde1c',0,'{"nl": "Aantal"}','%','12775d5973c14d5b8c7ccf26556335ab','2c8dd18e849345e49ef31e18f520d6be',1,117745842596413440,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "indicators" VALUES('ce91a917da784c3d89823d9434978315',0,'{"nl": "Aantal"}','%','bacd060d624c481e93cb740122ece0c9','fe05e075e2fc4330a28b6acbc39193ba',1,117745842605850624,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE local_state (
	"key" VARCHAR(64) NOT NULL, 
	value TEXT NOT NULL, 
	CONSTRAINT pk_local_state PRIMARY KEY ("key")
);
INSERT INTO "local_state" VALUES('site_id','d75807fd864b4ff6add4ee4ddb29cf6b');
INSERT INTO "local_state" VALUES('hlc','117745842613321729');
CREATE TABLE merge_conflicts (
	id INTEGER NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	table_name VARCHAR(64) NOT NULL, 
	row_id CHAR(32) NOT NULL, 
	field VARCHAR(64) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	base TEXT, 
	local TEXT, 
	remote TEXT, 
	from_site VARCHAR(32) NOT NULL, 
	change_id CHAR(32) NOT NULL, 
	remote_at VARCHAR(32) NOT NULL, 
	remote_user VARCHAR(200) NOT NULL, 
	decision VARCHAR(16) NOT NULL, 
	CONSTRAINT pk_merge_conflicts PRIMARY KEY (id)
);
CREATE TABLE milestones (
	objective_id CHAR(32) NOT NULL, 
	position INTEGER NOT NULL, 
	period VARCHAR(64) NOT NULL, 
	due_date DATE, 
	text TEXT NOT NULL, 
	done BOOLEAN NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_milestones PRIMARY KEY (id), 
	CONSTRAINT fk_milestones_objective_id_objectives FOREIGN KEY(objective_id) REFERENCES objectives (id), 
	CONSTRAINT fk_milestones_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id)
);
INSERT INTO "milestones" VALUES('b0f95f5d3d8948469aaa12edcf7bde1c',0,'Q2 2025','2025-06-30','{"nl": "Q2: klaar"}',0,'12775d5973c14d5b8c7ccf26556335ab','030088a2571941d396fce26b6296958b',1,117745842596085760,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "milestones" VALUES('ce91a917da784c3d89823d9434978315',0,'Q2 2025','2025-06-30','{"nl": "Q2: klaar"}',0,'bacd060d624c481e93cb740122ece0c9','5758af3344e54872b123b27eb00f1276',1,117745842605719552,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE objective_partners (
	objective_id CHAR(32) NOT NULL, 
	unit_id CHAR(32) NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_objective_partners PRIMARY KEY (id), 
	CONSTRAINT fk_objective_partners_objective_id_objectives FOREIGN KEY(objective_id) REFERENCES objectives (id), 
	CONSTRAINT fk_objective_partners_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id), 
	CONSTRAINT fk_objective_partners_unit_id_org_units FOREIGN KEY(unit_id) REFERENCES org_units (id)
);
INSERT INTO "objective_partners" VALUES('b0f95f5d3d8948469aaa12edcf7bde1c','189bd2f9f77945c68fa4af1fd49b1b25','12775d5973c14d5b8c7ccf26556335ab','628e9a6b6a7b57ca9a0d9b347306b777',1,117745842595823616,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "objective_partners" VALUES('ce91a917da784c3d89823d9434978315','d1c176c341d1400286586176a3812d9f','bacd060d624c481e93cb740122ece0c9','b2383a98841f5f65ab32a37ebf54d2f6',1,117745842605522944,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE objectives (
	parent_id CHAR(32), 
	policy_field_id CHAR(32), 
	level VARCHAR(32) NOT NULL, 
	kind VARCHAR(32), 
	position INTEGER NOT NULL, 
	code_override VARCHAR(32) NOT NULL, 
	title TEXT NOT NULL, 
	description TEXT NOT NULL, 
	intended_results TEXT NOT NULL, 
	status VARCHAR(32) NOT NULL, 
	lead_unit_id CHAR(32), 
	strategic_link_id CHAR(32), 
	carried_from_id CHAR(32), 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_objectives PRIMARY KEY (id), 
	CONSTRAINT fk_objectives_carried_from_id_objectives FOREIGN KEY(carried_from_id) REFERENCES objectives (id), 
	CONSTRAINT fk_objectives_lead_unit_id_org_units FOREIGN KEY(lead_unit_id) REFERENCES org_units (id), 
	CONSTRAINT fk_objectives_parent_id_objectives FOREIGN KEY(parent_id) REFERENCES objectives (id), 
	CONSTRAINT fk_objectives_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id), 
	CONSTRAINT fk_objectives_policy_field_id_policy_fields FOREIGN KEY(policy_field_id) REFERENCES policy_fields (id), 
	CONSTRAINT fk_objectives_strategic_link_id_objectives FOREIGN KEY(strategic_link_id) REFERENCES objectives (id)
);
INSERT INTO "objectives" VALUES(NULL,'433370d81cea42d99a42883896ef76af','strategic',NULL,0,'','{"nl": "SD"}','{}','{}','not_started',NULL,NULL,NULL,'12775d5973c14d5b8c7ccf26556335ab','0242c6fd84c5476a95308b749f61d380',1,117745842594185216,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "objectives" VALUES('0242c6fd84c5476a95308b749f61d380',NULL,'operational',NULL,0,'','{"nl": "OD"}','{}','{}','not_started',NULL,NULL,NULL,'12775d5973c14d5b8c7ccf26556335ab','213901782fe746ab808f02097038b91a',1,117745842594578432,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "objectives" VALUES('213901782fe746ab808f02097038b91a',NULL,'initiative','project',0,'','{"nl": "Initiatief é ü €"}','{"fr": "Description", "nl": "Omschrijving\nmet regels"}','{}','delayed','a187a00188594463be6bbeb54973addc',NULL,NULL,'12775d5973c14d5b8c7ccf26556335ab','b0f95f5d3d8948469aaa12edcf7bde1c',3,117745842595495936,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "objectives" VALUES(NULL,'918076b145b24416966b58844822a9e6','strategic',NULL,0,'','{"nl": "SD"}','{}','{}','not_started',NULL,NULL,NULL,'bacd060d624c481e93cb740122ece0c9','e0b2c72c2f384cac9edd85f8641daa58',1,117745842604343296,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "objectives" VALUES('e0b2c72c2f384cac9edd85f8641daa58',NULL,'operational',NULL,0,'','{"nl": "OD"}','{}','{}','not_started',NULL,NULL,NULL,'bacd060d624c481e93cb740122ece0c9','311ebaf1edce46a983902081a81839e5',1,117745842604539904,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "objectives" VALUES('311ebaf1edce46a983902081a81839e5',NULL,'initiative','project',0,'','{"nl": "Initiatief é ü €"}','{"fr": "Description", "nl": "Omschrijving\nmet regels"}','{}','delayed','c94da49711314532a3a208eb414975f3',NULL,NULL,'bacd060d624c481e93cb740122ece0c9','ce91a917da784c3d89823d9434978315',3,117745842605326336,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE org_units (
	parent_id CHAR(32), 
	position INTEGER NOT NULL, 
	code VARCHAR(64) NOT NULL, 
	name TEXT NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_org_units PRIMARY KEY (id), 
	CONSTRAINT fk_org_units_parent_id_org_units FOREIGN KEY(parent_id) REFERENCES org_units (id), 
	CONSTRAINT fk_org_units_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id)
);
INSERT INTO "org_units" VALUES(NULL,0,'PAR','{"nl": "Post Parijs"}','post','12775d5973c14d5b8c7ccf26556335ab','a187a00188594463be6bbeb54973addc',1,117745842594840576,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "org_units" VALUES(NULL,1,'D','{"nl": "Dienst"}','service','12775d5973c14d5b8c7ccf26556335ab','189bd2f9f77945c68fa4af1fd49b1b25',1,117745842595102720,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "org_units" VALUES(NULL,0,'PAR','{"nl": "Post Parijs"}','post','bacd060d624c481e93cb740122ece0c9','c94da49711314532a3a208eb414975f3',1,117745842604736512,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "org_units" VALUES(NULL,1,'D','{"nl": "Dienst"}','service','bacd060d624c481e93cb740122ece0c9','d1c176c341d1400286586176a3812d9f',1,117745842604867584,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE plan_sections (
	position INTEGER NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	title TEXT NOT NULL, 
	body TEXT NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_plan_sections PRIMARY KEY (id), 
	CONSTRAINT fk_plan_sections_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id)
);
INSERT INTO "plan_sections" VALUES(0,'swot','{"nl": "SWOT"}','{}','12775d5973c14d5b8c7ccf26556335ab','70786901a1ac4589a68bbfcc5e80e39e',1,117745842597068800,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "plan_sections" VALUES(1,'communication','{"nl": "Communicatie"}','{}','12775d5973c14d5b8c7ccf26556335ab','62952129bde6486a90ba677c5e3f460d',1,117745842597593088,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "plan_sections" VALUES(0,'swot','{"nl": "SWOT"}','{}','bacd060d624c481e93cb740122ece0c9','cbbc5874536f4a3592618443120d4f87',1,117745842606178304,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "plan_sections" VALUES(1,'communication','{"nl": "Communicatie"}','{}','bacd060d624c481e93cb740122ece0c9','879883bd93384730beef9690e1c5a4c3',1,117745842606505984,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE plans (
	code VARCHAR(64) NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	organisation TEXT NOT NULL, 
	title TEXT NOT NULL, 
	first_year INTEGER NOT NULL, 
	last_year INTEGER NOT NULL, 
	languages VARCHAR(32) NOT NULL, 
	state VARCHAR(32) NOT NULL, 
	version_no INTEGER NOT NULL, 
	strategic_plan_id CHAR(32), 
	previous_plan_id CHAR(32), 
	fingerprint VARCHAR(64), 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_plans PRIMARY KEY (id), 
	CONSTRAINT fk_plans_previous_plan_id_plans FOREIGN KEY(previous_plan_id) REFERENCES plans (id), 
	CONSTRAINT fk_plans_strategic_plan_id_plans FOREIGN KEY(strategic_plan_id) REFERENCES plans (id)
);
INSERT INTO "plans" VALUES('final-2025','business','{}','{"fr": "Plan final-2025 (fr)", "nl": "Plan final-2025"}',2025,2025,'nl,fr','final',1,NULL,NULL,'a4a8fa50bb92287f497d769ebf36dd69e3795e65b154647f6bdb701716e38e8c','12775d5973c14d5b8c7ccf26556335ab',2,117745842612273152,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "plans" VALUES('signed-2025','business','{}','{"fr": "Plan signed-2025 (fr)", "nl": "Plan signed-2025"}',2025,2025,'nl,fr','signed',1,NULL,NULL,'54c0de488ed2c240de6a48f72b31b086579ad8ccdf29ba94d5887bc12f9f9c65','bacd060d624c481e93cb740122ece0c9',3,117745842613321729,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE policy_fields (
	position INTEGER NOT NULL, 
	code VARCHAR(32) NOT NULL, 
	title TEXT NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_policy_fields PRIMARY KEY (id), 
	CONSTRAINT fk_policy_fields_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id)
);
INSERT INTO "policy_fields" VALUES(0,'','{"nl": "Buitenlands beleid"}','12775d5973c14d5b8c7ccf26556335ab','433370d81cea42d99a42883896ef76af',1,117745842593726464,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "policy_fields" VALUES(0,'','{"nl": "Buitenlands beleid"}','bacd060d624c481e93cb740122ece0c9','918076b145b24416966b58844822a9e6',1,117745842604146688,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE section_parts (
	section_id CHAR(32) NOT NULL, 
	"key" VARCHAR(32) NOT NULL, 
	text TEXT NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_section_parts PRIMARY KEY (id), 
	CONSTRAINT fk_section_parts_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id), 
	CONSTRAINT fk_section_parts_section_id_plan_sections FOREIGN KEY(section_id) REFERENCES plan_sections (id)
);
INSERT INTO "section_parts" VALUES('70786901a1ac4589a68bbfcc5e80e39e','strengths','{"nl": "Sterk"}','12775d5973c14d5b8c7ccf26556335ab','00a05e1709e959dfa7232646b577c4ca',1,117745842597396480,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "section_parts" VALUES('cbbc5874536f4a3592618443120d4f87','strengths','{"nl": "Sterk"}','bacd060d624c481e93cb740122ece0c9','f55675f05e35535884522b1775a8f328',1,117745842606374912,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE signatories (
	position INTEGER NOT NULL, 
	function TEXT NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_signatories PRIMARY KEY (id), 
	CONSTRAINT fk_signatories_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id)
);
INSERT INTO "signatories" VALUES(0,'{"nl": "Minister"}','N. N.','12775d5973c14d5b8c7ccf26556335ab','48b309feb8534b72af73c179f2c6e09d',1,117745842598248448,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "signatories" VALUES(0,'{"nl": "Minister"}','N. N.','bacd060d624c481e93cb740122ece0c9','74db8172671b4335873bf576241d5e99',1,117745842606833664,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE signing_records (
	signed_on DATE NOT NULL, 
	place VARCHAR(200) NOT NULL, 
	scan BLOB, 
	scan_name VARCHAR(255) NOT NULL, 
	scan_sha256 VARCHAR(64) NOT NULL, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_signing_records PRIMARY KEY (id), 
	CONSTRAINT fk_signing_records_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id)
);
INSERT INTO "signing_records" VALUES('2025-09-14','Brussel',NULL,'','','bacd060d624c481e93cb740122ece0c9','b78a5f21c426406faf42b6b069a797c1',1,117745842613321728,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE TABLE staffing_figures (
	unit_id CHAR(32) NOT NULL, 
	statute VARCHAR(32) NOT NULL, 
	year INTEGER NOT NULL, 
	scenario VARCHAR(32) NOT NULL, 
	fte INTEGER, 
	headcount INTEGER, 
	plan_id CHAR(32) NOT NULL, 
	id CHAR(32) NOT NULL, 
	row_version INTEGER NOT NULL, 
	hlc BIGINT NOT NULL, 
	site_id VARCHAR(32) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_staffing_figures PRIMARY KEY (id), 
	CONSTRAINT fk_staffing_figures_plan_id_plans FOREIGN KEY(plan_id) REFERENCES plans (id), 
	CONSTRAINT fk_staffing_figures_unit_id_org_units FOREIGN KEY(unit_id) REFERENCES org_units (id)
);
INSERT INTO "staffing_figures" VALUES('a187a00188594463be6bbeb54973addc','C',2025,'as_is',250,NULL,'12775d5973c14d5b8c7ccf26556335ab','03c69e05cf5d58e5b3afba9659bfda9f',1,117745842600017920,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
INSERT INTO "staffing_figures" VALUES('c94da49711314532a3a208eb414975f3','C',2025,'as_is',250,NULL,'bacd060d624c481e93cb740122ece0c9','92bdac527dcb51af8b11b2517ac14247',1,117745842607882240,'d75807fd864b4ff6add4ee4ddb29cf6b',0);
CREATE INDEX ix_change_log_plan_id ON change_log (plan_id);
CREATE INDEX ix_change_log_row_id ON change_log (row_id);
CREATE UNIQUE INDEX uq_plans_code_live ON plans (code) WHERE deleted = 0;
CREATE INDEX ix_budget_lines_parent_id ON budget_lines (parent_id);
CREATE INDEX ix_budget_lines_plan_id ON budget_lines (plan_id);
CREATE INDEX ix_budget_stages_plan_id ON budget_stages (plan_id);
CREATE INDEX ix_credit_types_plan_id ON credit_types (plan_id);
CREATE INDEX ix_org_units_plan_id ON org_units (plan_id);
CREATE INDEX ix_plan_sections_plan_id ON plan_sections (plan_id);
CREATE INDEX ix_policy_fields_plan_id ON policy_fields (plan_id);
CREATE INDEX ix_signatories_plan_id ON signatories (plan_id);
CREATE INDEX ix_signing_records_plan_id ON signing_records (plan_id);
CREATE INDEX ix_budget_amounts_line_id ON budget_amounts (line_id);
CREATE INDEX ix_budget_amounts_plan_id ON budget_amounts (plan_id);
CREATE INDEX ix_communication_rows_plan_id ON communication_rows (plan_id);
CREATE INDEX ix_objectives_parent_id ON objectives (parent_id);
CREATE INDEX ix_objectives_plan_id ON objectives (plan_id);
CREATE INDEX ix_section_parts_plan_id ON section_parts (plan_id);
CREATE INDEX ix_staffing_figures_plan_id ON staffing_figures (plan_id);
CREATE INDEX ix_staffing_figures_unit_id ON staffing_figures (unit_id);
CREATE INDEX ix_budget_line_objectives_plan_id ON budget_line_objectives (plan_id);
CREATE INDEX ix_indicators_objective_id ON indicators (objective_id);
CREATE INDEX ix_indicators_plan_id ON indicators (plan_id);
CREATE INDEX ix_milestones_objective_id ON milestones (objective_id);
CREATE INDEX ix_milestones_plan_id ON milestones (plan_id);
CREATE INDEX ix_objective_partners_plan_id ON objective_partners (plan_id);
CREATE INDEX ix_indicator_values_indicator_id ON indicator_values (indicator_id);
CREATE INDEX ix_indicator_values_plan_id ON indicator_values (plan_id);
CREATE INDEX ix_diversity_plans_plan_id ON diversity_plans (plan_id);
CREATE INDEX ix_diversity_bottlenecks_plan_id ON diversity_bottlenecks (plan_id);
CREATE INDEX ix_diversity_indicators_plan_id ON diversity_indicators (plan_id);
CREATE INDEX ix_diversity_objectives_plan_id ON diversity_objectives (plan_id);
CREATE INDEX ix_diversity_pillars_plan_id ON diversity_pillars (plan_id);
CREATE INDEX ix_diversity_priorities_plan_id ON diversity_priorities (plan_id);
CREATE INDEX ix_diversity_actions_plan_id ON diversity_actions (plan_id);
CREATE INDEX ix_diversity_indicator_values_indicator_id ON diversity_indicator_values (indicator_id);
CREATE INDEX ix_diversity_indicator_values_plan_id ON diversity_indicator_values (plan_id);
CREATE INDEX ix_diversity_objective_pillars_plan_id ON diversity_objective_pillars (plan_id);
CREATE INDEX ix_merge_conflicts_plan_id ON merge_conflicts (plan_id);
COMMIT;
